import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchText, normalizeSearchText } from './search-text.js';

describe('normalizeSearchText, Arabic', () => {
  it('removes diacritics: harakat, shadda, sukun, tanween, dagger alef', () => {
    expect(normalizeSearchText('مُحَمَّدٌ')).toBe('محمد'); // damma, fatha, shadda, dammatan
    expect(normalizeSearchText('كِتَابًا')).toBe('كتابا'); // kasra, fatha, fathatan
    expect(normalizeSearchText('مَكْتَبٍ')).toBe('مكتب'); // sukun, kasratan
    expect(normalizeSearchText('هٰذا')).toBe('هذا'); // superscript (dagger) alef U+0670
  });

  it('folds the alef forms أ إ آ ٱ to ا', () => {
    expect(normalizeSearchText('أحمد')).toBe('احمد');
    expect(normalizeSearchText('إبراهيم')).toBe('ابراهيم');
    expect(normalizeSearchText('آمال')).toBe('امال');
    expect(normalizeSearchText('ٱلرحمن')).toBe('الرحمن');
  });

  it('folds ة to ه and ى to ي', () => {
    expect(normalizeSearchText('مدرسة')).toBe('مدرسه');
    expect(normalizeSearchText('مصطفى')).toBe('مصطفي');
  });

  it('folds ؤ to و and ئ to ي', () => {
    expect(normalizeSearchText('مسؤول')).toBe('مسوول');
    expect(normalizeSearchText('رئيس')).toBe('رييس');
  });

  it('removes tatweel', () => {
    expect(normalizeSearchText('مـــحـمـد')).toBe('محمد');
  });

  it('matches the documented example', () => {
    expect(normalizeSearchText('مُؤَسَّسَة الأمَل')).toBe('موسسه الامل');
  });

  it('makes the spellings people actually type find each other', () => {
    const stored = normalizeSearchText('شركة الأمل للتجارة');
    expect(normalizeSearchText('شركه الامل للتجاره')).toBe(stored);
    expect(normalizeSearchText('شَرِكَة  الأَمَل  لِلتِّجَارَة')).toBe(stored);
    // Presentation forms (e.g. the lam-alef ligature) fold to the plain letters.
    expect(normalizeSearchText('\uFEFB')).toBe('لا');
  });
});

describe('normalizeSearchText, Latin and spacing', () => {
  it('folds accents and case', () => {
    expect(normalizeSearchText('Société Générale')).toBe('societe generale');
    expect(normalizeSearchText('ÇA VA')).toBe('ca va');
    expect(normalizeSearchText('Zürich Ñandú')).toBe('zurich nandu');
    expect(normalizeSearchText('İstanbul')).toBe('istanbul'); // dotted capital I loses its dot
    expect(normalizeSearchText('ＡＣＭＥ')).toBe('acme'); // full-width letters
  });

  it('collapses runs of whitespace and trims', () => {
    expect(normalizeSearchText('  Acme \t\n  Corp  ')).toBe('acme corp');
    expect(normalizeSearchText('Acme\u00a0\u00a0Corp')).toBe('acme corp'); // no-break spaces
    expect(normalizeSearchText('   ')).toBe('');
  });

  it('keeps mixed-script text in order', () => {
    expect(normalizeSearchText('Acme  شركة أكمي')).toBe('acme شركه اكمي');
  });
});

describe('buildSearchText', () => {
  it('joins the present fields and folds them', () => {
    expect(buildSearchText('Société Générale', null, undefined, '', 'مؤسسة')).toBe(
      'societe generale موسسه',
    );
    expect(buildSearchText()).toBe('');
  });
});

describe('normalizeSearchText properties', () => {
  /** Arabic letters, the marks the normalizer knows and a few it does not, Latin, spaces. */
  const searchAlphabet = fc.constantFrom(
    ...'ابتةىيأإآٱؤئهو',
    '\u064E', // fatha
    '\u0651', // shadda
    '\u0652', // sukun
    '\u0670', // dagger alef
    '\u0640', // tatweel
    ...'aAéÉİ',
    '\u0301', // combining acute
    ' ',
    '\t',
  );

  it('is idempotent on Arabic and Latin text with diacritics', () => {
    fc.assert(
      fc.property(fc.string({ unit: searchAlphabet, maxLength: 24 }), (text) => {
        const once = normalizeSearchText(text);
        expect(normalizeSearchText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on dense runs of Arabic letters, marks and tatweel', () => {
    // A small alphabet so that mark / tatweel / mark sequences actually occur. U+0610 (an
    // honorific sign, combining class 230) and U+0618 (small fatha, class 30) are marks the
    // normalizer keeps.
    const marks = fc.constantFrom(
      '\u0628',
      '\u0627',
      '\u064E',
      '\u0651',
      '\u0640',
      '\u0610',
      '\u0618',
    );
    fc.assert(
      fc.property(fc.string({ unit: marks, maxLength: 12 }), (text) => {
        const once = normalizeSearchText(text);
        expect(normalizeSearchText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent on any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = normalizeSearchText(text);
        expect(normalizeSearchText(once)).toBe(once);
      }),
    );
  });

  it('is idempotent when tatweel separates two marks it keeps', () => {
    // ب + U+0610 (class 230) + tatweel + U+0618 (class 30). Pass 1 drops the tatweel after
    // NFKD, leaving the marks out of canonical order; pass 2's NFKD then swaps them.
    const text = '\u0628\u0610\u0640\u0618';
    const once = normalizeSearchText(text);
    expect(normalizeSearchText(once)).toBe(once);
  });

  it('never leaves leading, trailing or doubled spaces, nor upper case Latin', () => {
    fc.assert(
      fc.property(fc.string({ unit: searchAlphabet, maxLength: 24 }), (text) => {
        const folded = normalizeSearchText(text);
        expect(folded).toBe(folded.trim());
        expect(folded).not.toMatch(/\s{2}|[\t\n]/);
        expect(folded).not.toMatch(/[A-Z\u0622\u0623\u0625\u0671\u0629\u0649\u0640]/);
      }),
    );
  });
});
