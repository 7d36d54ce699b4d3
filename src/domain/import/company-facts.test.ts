import { describe, expect, it } from 'vitest';
import { countryCodeOf, sizeBandOf, suggestSector } from './company-facts.js';

describe('sizeBandOf', () => {
  it.each([
    [9, '1-10'],
    [10, '1-10'],
    [495, '201-1000'],
    [2822, '1000+'],
  ])('%i employees is %s', (employees, band) => {
    expect(sizeBandOf(employees)).toBe(band);
  });
});

describe('countryCodeOf', () => {
  it('reads English and Arabic names, codes and common aliases', () => {
    expect(countryCodeOf('United States')).toEqual({ code: 'US' });
    expect(countryCodeOf('USA')).toEqual({ code: 'US' });
    expect(countryCodeOf('مصر')).toEqual({ code: 'EG' });
    expect(countryCodeOf('المملكة العربية السعودية')).toEqual({ code: 'SA' });
    expect(countryCodeOf('sa')).toEqual({ code: 'SA' });
    expect(countryCodeOf('Kenya')).toEqual({ code: 'KE' });
  });

  it('suggests the nearest name for a misspelt one instead of guessing', () => {
    expect(countryCodeOf('Philipines')).toEqual({ code: null, suggestion: 'Philippines' });
    expect(countryCodeOf('Atlantis Prime')).toEqual({ code: null, suggestion: null });
  });
});

describe('suggestSector', () => {
  it('names the common sector a misspelling is one or two letters from', () => {
    expect(suggestSector('technolgy')).toBe('technology');
    expect(suggestSector('telecomunications')).toBe('telecommunications');
    expect(suggestSector('retail')).toBeNull();
    expect(suggestSector('Space mining')).toBeNull();
  });
});
