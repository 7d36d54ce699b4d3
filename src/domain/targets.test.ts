import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  computeTargetProgress,
  opportunitiesNeeded,
  parseTargetScope,
  scopeKeyOf,
} from './targets.js';

describe('target scopes', () => {
  it('reads and writes workspace, team and owner scopes', () => {
    for (const key of ['workspace', 'team:t1', 'owner:u1']) {
      expect(scopeKeyOf(parseTargetScope(key))).toBe(key);
    }
    expect(parseTargetScope('team:abc')).toEqual({ kind: 'team', teamId: 'abc' });
  });

  it('refuses anything else, naming the scope field', () => {
    for (const bad of ['', 'team:', 'region:1', 'owner', 'team:a b']) {
      try {
        parseTargetScope(bad);
        expect.unreachable(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).details[0]?.path).toEqual(['scope']);
      }
    }
  });
});

describe('opportunitiesNeeded', () => {
  it('is ⌈ remaining / average won deal / P ⌉', () => {
    // 600,000.00 remaining; 10 wins worth 250,000.00 (average 25,000.00)
    expect(opportunitiesNeeded(60_000_000, 25_000_000, 10, 6000)).toBe(40); // 24 / 0.6 = 40
    expect(opportunitiesNeeded(60_000_000, 25_000_000, 10, 9000)).toBe(27); // 24 / 0.9 = 26.67
    expect(opportunitiesNeeded(60_000_000, 25_000_000, 10, 500)).toBe(480); // 24 / 0.05
    // A single cent remaining still needs a whole deal.
    expect(opportunitiesNeeded(1, 25_000_000, 10, 9000)).toBe(1);
  });

  it('is 0 when nothing remains, and unknown without wins or with a stage that never wins', () => {
    expect(opportunitiesNeeded(0, 25_000_000, 10, 6000)).toBe(0);
    expect(opportunitiesNeeded(-5, 25_000_000, 10, 6000)).toBe(0);
    expect(opportunitiesNeeded(100, 0, 0, 6000)).toBeNull();
    expect(opportunitiesNeeded(100, 25_000_000, 10, 0)).toBeNull();
  });
});

describe('computeTargetProgress', () => {
  it('gives the gap, the coverage and the deals needed per stage', () => {
    const progress = computeTargetProgress({
      targetMinor: 100_000_000, // 1,000,000.00
      wonSoFarMinor: 40_000_000, // 400,000.00
      openWeightedMinor: 45_000_000,
      openUnweightedMinor: 90_000_000,
      recentWon: { totalMinor: 25_000_000, count: 10 },
      stages: [
        { stageId: 'proposal', probabilityBasisPoints: 6000 },
        { stageId: 'negotiation', probabilityBasisPoints: 9000 },
      ],
    });
    expect(progress).toEqual({
      remainingMinor: 60_000_000,
      attainment: 0.4,
      coverage: { weighted: 0.75, unweighted: 1.5 },
      averageWonDealMinor: 2_500_000,
      opportunitiesNeeded: [
        { stageId: 'proposal', needed: 40 },
        { stageId: 'negotiation', needed: 27 },
      ],
    });
  });

  it('has no coverage to speak of once the target is met', () => {
    const progress = computeTargetProgress({
      targetMinor: 1000,
      wonSoFarMinor: 1500,
      openWeightedMinor: 10,
      openUnweightedMinor: 20,
      recentWon: { totalMinor: 0, count: 0 },
      stages: [{ stageId: 's', probabilityBasisPoints: 5000 }],
    });
    expect(progress.remainingMinor).toBe(0);
    expect(progress.attainment).toBe(1.5);
    expect(progress.coverage).toBeNull();
    expect(progress.averageWonDealMinor).toBeNull();
    expect(progress.opportunitiesNeeded).toEqual([{ stageId: 's', needed: 0 }]);
  });
});
