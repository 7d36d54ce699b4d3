import { describe, expect, it } from 'vitest';
import { assessBottleneck, type EntrySample, type VisitSample } from './bottleneck.js';

const DAY = 86_400_000;
const visits = (n: number, days: number): VisitSample => ({ visits: n, totalMs: n * days * DAY });
const entries = (entered: number, converted: number, pending = 0): EntrySample => ({
  entered,
  converted,
  pending,
});
const steady = { recentEntries: entries(0, 0), baselineEntries: entries(0, 0) };

describe('assessBottleneck', () => {
  it('flags a stage whose recent visits last ≥ 1.5 × its baseline, with ≥ 5 visits in each', () => {
    // 12 / 7 = 1.71
    const slow = assessBottleneck({
      recentTime: visits(6, 12),
      baselineTime: visits(20, 7),
      ...steady,
    });
    expect(slow.time).toEqual({
      recentMeanDays: 12,
      baselineMeanDays: 7,
      ratio: 12 / 7,
      isFlagged: true,
    });
    expect(slow.isBottleneck).toBe(true);
    // Exactly 1.5 × is flagged: 15 / 10
    expect(
      assessBottleneck({ recentTime: visits(5, 15), baselineTime: visits(5, 10), ...steady }).time
        .isFlagged,
    ).toBe(true);
    // 14.9 / 10 is not
    expect(
      assessBottleneck({ recentTime: visits(5, 14.9), baselineTime: visits(5, 10), ...steady }).time
        .isFlagged,
    ).toBe(false);
    // Too few visits recently (4): not enough to say
    expect(
      assessBottleneck({ recentTime: visits(4, 30), baselineTime: visits(20, 7), ...steady }).time
        .isFlagged,
    ).toBe(false);
  });

  it('flags a conversion drop of ≥ 10 points with ≥ 10 decided entries in each window', () => {
    const quiet = { recentTime: visits(0, 0), baselineTime: visits(0, 0) };
    // recent 6 / 12 = 50 %, baseline 26 / 40 = 65 % → 15 points
    const worse = assessBottleneck({
      ...quiet,
      recentEntries: entries(15, 6, 3),
      baselineEntries: entries(40, 26),
    });
    expect(worse.conversion.recentRate).toBe(0.5);
    expect(worse.conversion.baselineRate).toBe(0.65);
    expect(worse.conversion.dropPoints).toBeCloseTo(15, 10);
    expect(worse.conversion.isFlagged).toBe(true);
    expect(worse.time.ratio).toBeNull();
    // Exactly 10 points: 5 / 10 = 50 % against 6 / 10 = 60 %
    expect(
      assessBottleneck({
        ...quiet,
        recentEntries: entries(10, 5),
        baselineEntries: entries(10, 6),
      }).conversion.isFlagged,
    ).toBe(true);
    // 9 decided recent entries (the 10th is still pending): not enough
    expect(
      assessBottleneck({
        ...quiet,
        recentEntries: entries(10, 0, 1),
        baselineEntries: entries(40, 40),
      }).conversion.isFlagged,
    ).toBe(false);
    // Better than before: not flagged
    expect(
      assessBottleneck({
        ...quiet,
        recentEntries: entries(20, 18),
        baselineEntries: entries(20, 10),
      }).isBottleneck,
    ).toBe(false);
  });
});
