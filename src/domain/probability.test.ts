import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  historicalStageProbabilities,
  shrunkProbabilityBasisPoints,
  trailingWindowStart,
} from './probability.js';

describe('shrunkProbabilityBasisPoints', () => {
  it('shrinks the observed share toward the configured probability with a prior worth 20 deals', () => {
    // 12 of 30 won, configured 60 %: (12 + 20 × 0.6) / (30 + 20) = 24 / 50 = 48 %
    expect(shrunkProbabilityBasisPoints(12, 30, 60)).toBe(4800);
    // No sample: the configured value itself.
    expect(shrunkProbabilityBasisPoints(0, 0, 35)).toBe(3500);
    // 3 of 3 won, configured 20 %: (3 + 4) / 23 = 0.304347… → 3043 bp
    expect(shrunkProbabilityBasisPoints(3, 3, 20)).toBe(3043);
    // A large sample dominates: 900 of 1000 won at configured 10 %: (900 + 2) / 1020 = 0.88431 → 8843
    expect(shrunkProbabilityBasisPoints(900, 1000, 10)).toBe(8843);
    // (1 + 20 × 0.05) / 40 = 0.05 exactly → 500
    expect(shrunkProbabilityBasisPoints(1, 20, 5)).toBe(500);
    // Half a basis point rounds up: (0 + 20 × 0.01) / 160 = 0.00125 = 12.5 bp → 13
    expect(shrunkProbabilityBasisPoints(0, 140, 1)).toBe(13);
  });

  it('stays within [0, 1] and between the observed and configured values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 100 }),
        (won, extra, configured) => {
          const n = won + extra;
          const bp = shrunkProbabilityBasisPoints(won, n, configured);
          expect(bp).toBeGreaterThanOrEqual(0);
          expect(bp).toBeLessThanOrEqual(10_000);
          if (n > 0) {
            const observed = (won / n) * 10_000;
            const low = Math.min(observed, configured * 100);
            const high = Math.max(observed, configured * 100);
            expect(bp).toBeGreaterThanOrEqual(Math.floor(low));
            expect(bp).toBeLessThanOrEqual(Math.ceil(high));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('historicalStageProbabilities', () => {
  const stages = [
    { id: 'lead', position: 1, probability: 5 },
    { id: 'proposal', position: 2, probability: 60 },
    { id: 'won', position: 3, probability: 100 },
  ];

  it('counts a closed deal at every stage it reached or passed; a won deal passed them all', () => {
    const result = historicalStageProbabilities(stages, [
      { furthestPosition: 3, status: 'won', dealCount: 2 },
      { furthestPosition: 1, status: 'lost', dealCount: 3 },
      { furthestPosition: 2, status: 'lost', dealCount: 1 },
    ]);
    // lead: all 6 reached it, 2 won: (2 + 20 × 0.05) / 26 = 3 / 26 = 0.11538 → 1154 bp
    expect(result[0]).toEqual({
      stageId: 'lead',
      configured: 0.05,
      historical: 0.1154,
      historicalBasisPoints: 1154,
      observed: 2 / 6,
      sampleSize: 6,
      wonCount: 2,
    });
    // proposal: 2 won + 1 lost there: (2 + 12) / 23 = 0.6087
    expect(result[1]).toMatchObject({ historicalBasisPoints: 6087, sampleSize: 3, wonCount: 2 });
    // the won stage: only won deals reached it → (2 + 20) / 22 = 1
    expect(result[2]).toMatchObject({ historical: 1, sampleSize: 2, wonCount: 2 });
  });

  it('falls back to the configured probability when nothing closed', () => {
    const result = historicalStageProbabilities(stages, []);
    expect(result.map((r) => r.historical)).toEqual([0.05, 0.6, 1]);
    expect(result.map((r) => r.observed)).toEqual([null, null, null]);
  });

  it('counts a deal that skipped a stage at the skipped stage too', () => {
    // Moved from a straight to c, then lost: it passed b on the way.
    const result = historicalStageProbabilities(
      [
        { id: 'a', position: 1, probability: 10 },
        { id: 'b', position: 2, probability: 50 },
        { id: 'c', position: 3, probability: 80 },
      ],
      [{ furthestPosition: 3, status: 'lost', dealCount: 1 }],
    );
    expect(result.map((r) => r.sampleSize)).toEqual([1, 1, 1]);
  });
});

describe('trailingWindowStart', () => {
  it('starts at the same calendar day 12 months earlier, in the workspace time zone', () => {
    const at = Date.parse('2026-03-01T09:00:00Z'); // 12:00 in Riyadh
    expect(new Date(trailingWindowStart(at, 12, 'Asia/Riyadh')).toISOString()).toBe(
      '2025-02-28T21:00:00.000Z', // 2025-03-01 00:00 in Riyadh (UTC+3)
    );
  });

  it('clamps to the end of a shorter month', () => {
    const at = Date.parse('2024-02-29T12:00:00Z');
    expect(new Date(trailingWindowStart(at, 12, 'UTC')).toISOString()).toBe(
      '2023-02-28T00:00:00.000Z',
    );
    const may31 = Date.parse('2026-05-31T12:00:00Z');
    expect(new Date(trailingWindowStart(may31, 3, 'UTC')).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
  });
});
