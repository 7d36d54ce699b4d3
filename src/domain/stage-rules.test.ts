import { describe, expect, it } from 'vitest';
import { placeAt } from './positions.js';
import { missingStageKinds, stageKeyOf, stageListErrors } from './stage-rules.js';

describe('placeAt', () => {
  it('moves or inserts an item at a 1-based place, clamped to the list', () => {
    expect(placeAt(['a', 'b', 'c'], 'c', 1)).toEqual(['c', 'a', 'b']);
    expect(placeAt(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'a', 'c']);
    expect(placeAt(['a', 'b'], 'x', 2)).toEqual(['a', 'x', 'b']);
    expect(placeAt(['a', 'b'], 'x', 99)).toEqual(['a', 'b', 'x']);
    expect(placeAt(['a', 'b'], 'x', 0)).toEqual(['x', 'a', 'b']);
  });
});

describe('stage rules', () => {
  it('derives unique keys from English names', () => {
    expect(stageKeyOf('Negotiation & closing', new Set())).toBe('negotiation_closing');
    expect(stageKeyOf('Proposal', new Set(['proposal', 'proposal_2']))).toBe('proposal_3');
    expect(stageKeyOf('Café visit', new Set())).toBe('cafe_visit');
    expect(stageKeyOf('2nd call', new Set())).toBe('stage_2nd_call');
    expect(stageKeyOf('العرض', new Set(['stage']))).toBe('stage_2');
  });

  it('needs an active open and an active won stage', () => {
    expect(missingStageKinds([{ kind: 'open', archived: false }])).toEqual(['won']);
    expect(
      missingStageKinds([
        { kind: 'open', archived: true },
        { kind: 'won', archived: false },
      ]),
    ).toEqual(['open']);
    expect(
      missingStageKinds([
        { kind: 'open', archived: false },
        { kind: 'won', archived: false },
      ]),
    ).toEqual([]);
  });

  it('names every problem of a stage list with its path', () => {
    const stage = { nameEn: 'A', nameAr: 'أ', kind: 'open' as const, probability: 10 };
    expect(
      stageListErrors([
        { ...stage, key: 'a', isFirstQualified: true },
        { ...stage, key: 'a', isFirstQualified: true },
      ]).map((d) => d.path),
    ).toEqual([['stages', 1, 'key'], ['stages', 1, 'isFirstQualified'], ['stages']]);
    expect(stageListErrors([stage, { ...stage, kind: 'won', probability: 100 }])).toEqual([]);
  });
});
