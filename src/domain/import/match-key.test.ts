import { describe, expect, it } from 'vitest';
import { companyMatchKey, editDistanceAtMost, NearKeyIndex, nameMatchKey } from './match-key.js';

describe('companyMatchKey', () => {
  it('matches names as people mean them: case, punctuation, spaces and legal forms aside', () => {
    expect(companyMatchKey('Acme, Inc.')).toBe(companyMatchKey('ACME'));
    expect(companyMatchKey('Northwind Traders LLC')).toBe(companyMatchKey('northwind  traders'));
    expect(companyMatchKey('Société Générale SA')).toBe(companyMatchKey('societe generale'));
  });

  it('folds Arabic letter forms, diacritics and the word for company', () => {
    expect(companyMatchKey('شركة الأمل')).toBe(companyMatchKey('الامل'));
    expect(companyMatchKey('مؤسسة النُّور')).toBe(companyMatchKey('مؤسسه النور'));
  });

  it('keeps a name made only of a legal form', () => {
    expect(companyMatchKey('Company')).toBe('company');
  });

  it('keeps word boundaries: GTXPro is only near GTX Pro', () => {
    expect(companyMatchKey('GTXPro')).not.toBe(companyMatchKey('GTX Pro'));
    expect(companyMatchKey('Acme-Corp')).toBe(companyMatchKey('acme corp'));
  });
});

describe('nameMatchKey', () => {
  it('keeps word boundaries: GTXPro and GTX Pro are different names', () => {
    expect(nameMatchKey('GTX  Pro')).toBe('gtx pro');
    expect(nameMatchKey('GTXPro')).toBe('gtxpro');
  });
});

describe('editDistanceAtMost', () => {
  it('counts edits up to the limit', () => {
    expect(editDistanceAtMost('technolgy', 'technology', 2)).toBe(1);
    expect(editDistanceAtMost('kitten', 'sitting', 3)).toBe(3);
    expect(editDistanceAtMost('kitten', 'sitting', 1)).toBe(2);
    expect(editDistanceAtMost('same', 'same', 1)).toBe(0);
  });
});

describe('NearKeyIndex', () => {
  it('finds names one edit away or equal without spaces, never the same name', () => {
    const index = new NearKeyIndex<string>();
    for (const name of ['gtx pro', 'gtx basic', 'mg special', 'northwind']) index.add(name, name);
    expect(index.near('gtxpro').map((e) => e.key)).toEqual(['gtx pro']);
    expect(index.near('northwnd').map((e) => e.key)).toEqual(['northwind']);
    expect(index.near('northwind')).toEqual([]);
    expect(index.near('globex')).toEqual([]);
  });

  it('ignores keys too short for a one-letter difference to mean a typo', () => {
    const index = new NearKeyIndex<string>();
    index.add('acme', 'acme');
    expect(index.near('acne')).toEqual([]);
  });
});
