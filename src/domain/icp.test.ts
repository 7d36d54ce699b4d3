import { describe, expect, it } from 'vitest';
import { type ClosedOutcome, icpFit, suggestIcp, twoProportionP, validateIcp } from './icp.js';

const attrs = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('icpFit', () => {
  const profile = [
    { attribute: 'sector', values: ['Medical', 'Retail'], weight: 3 },
    { attribute: 'country', values: ['SA'], weight: 1 },
    { attribute: 'custom.tier', values: ['gold'], weight: 1 },
  ];

  it('weighs the criteria met, ignoring case and spaces, and says why for each', () => {
    const fit = icpFit(profile, attrs({ sector: [' medical '], country: ['AE'] }));
    expect(fit.percent).toBe(60);
    expect(fit.reasons.map((r) => r.outcome)).toEqual(['match', 'miss', 'unknown']);
    expect(fit.reasons[1]?.actual).toEqual(['AE']);
  });

  it('never claims a fit from missing data, and has no figure without a profile', () => {
    expect(icpFit(profile, attrs({})).percent).toBe(0);
    expect(icpFit([], attrs({ sector: ['Medical'] }))).toEqual({ percent: null, reasons: [] });
  });

  it('matches any value of a multi-select', () => {
    expect(icpFit(profile.slice(2), attrs({ 'custom.tier': ['silver', 'gold'] })).percent).toBe(
      100,
    );
  });
});

describe('validateIcp', () => {
  const known = new Set(['sector', 'country']);
  it('names the field path of what is wrong', () => {
    const fails = (criteria: Parameters<typeof validateIcp>[0]) => {
      try {
        validateIcp(criteria, known);
      } catch (error) {
        return (error as { details: { path: unknown[] }[] }).details[0]?.path;
      }
      return null;
    };
    expect(fails([{ attribute: 'colour', values: ['x'], weight: 1 }])).toEqual([
      'criteria',
      0,
      'attribute',
    ]);
    expect(
      fails([
        { attribute: 'sector', values: ['x'], weight: 1 },
        { attribute: 'country', values: [' '], weight: 1 },
      ]),
    ).toEqual(['criteria', 1, 'values']);
    expect(fails([{ attribute: 'sector', values: ['x'], weight: 6 }])).toEqual([
      'criteria',
      0,
      'weight',
    ]);
  });

  it('trims and de-duplicates the values', () => {
    expect(
      validateIcp([{ attribute: 'sector', values: [' A', 'A', 'B'], weight: 2 }], known),
    ).toEqual([{ attribute: 'sector', values: ['A', 'B'], weight: 2 }]);
  });
});

describe('twoProportionP', () => {
  it('is about 1 for equal rates and tiny for very different ones', () => {
    expect(twoProportionP(50, 100, 50, 100)).toBeCloseTo(1, 6);
    // 70/100 against 30/100: z ≈ 5.66.
    expect(twoProportionP(70, 100, 30, 100)).toBeLessThan(1e-6);
    // 30/50 against 20/50: z = 2, p ≈ 0.0455.
    expect(twoProportionP(30, 50, 20, 50)).toBeCloseTo(0.0455, 3);
  });
});

/** A small deterministic generator so the noise test is the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('suggestIcp', () => {
  const sectors = ['Medical', 'Retail', 'Software', 'Finance', 'Energy', 'Retail Banking'];
  const countries = ['SA', 'AE', 'EG', 'QA', 'KW'];

  it('finds the value that truly wins more, with its sample size', () => {
    const next = random(7);
    const closed: ClosedOutcome[] = Array.from({ length: 600 }, () => {
      const sector = sectors[Math.floor(next() * sectors.length)] ?? 'Medical';
      const won = next() < (sector === 'Medical' ? 0.7 : 0.3);
      return { won, attributes: attrs({ sector: [sector], country: ['SA'] }) };
    });
    const suggestion = suggestIcp(closed, ['sector', 'country']);
    expect(suggestion.closedDeals).toBe(600);
    expect(suggestion.suggested).toHaveLength(1);
    expect(suggestion.suggested[0]).toMatchObject({ attribute: 'sector', values: ['Medical'] });
    const medical = suggestion.attributes[0]?.values.find((v) => v.value === 'Medical');
    expect(medical?.significant).toBe(true);
    expect(medical?.deals).toBe(
      closed.filter((d) => d.attributes.get('sector')?.[0] === 'Medical').length,
    );
    // A country every deal shares says nothing: nothing to compare it with.
    expect(suggestion.attributes[1]?.values[0]?.significant).toBe(false);
  });

  it('suggests nothing on data where nothing predicts the outcome', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const closed: ClosedOutcome[] = Array.from({ length: 400 }, () => ({
        won: next() < 0.35,
        attributes: attrs({
          sector: [sectors[Math.floor(next() * sectors.length)] ?? 'Medical'],
          country: [countries[Math.floor(next() * countries.length)] ?? 'SA'],
        }),
      }));
      expect(suggestIcp(closed, ['sector', 'country']).suggested).toEqual([]);
    }
  });

  it('does not test a value with too few deals, however lopsided', () => {
    const closed: ClosedOutcome[] = [
      ...Array.from({ length: 5 }, () => ({ won: true, attributes: attrs({ sector: ['Tiny'] }) })),
      ...Array.from({ length: 100 }, (_, i) => ({
        won: i % 3 === 0,
        attributes: attrs({ sector: ['Other'] }),
      })),
    ];
    const suggestion = suggestIcp(closed, ['sector']);
    const tiny = suggestion.attributes[0]?.values.find((v) => v.value === 'Tiny');
    expect(tiny?.winRate).toBe(1);
    expect(tiny?.significant).toBe(false);
    expect(suggestion.suggested).toEqual([]);
  });
});
