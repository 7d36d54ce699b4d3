import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageMoney,
  convertSums,
  funnelOf,
  leadVelocityRate,
  leadVelocitySeries,
  meanOf,
  mqlStageOf,
  msToDays,
  salesVelocityPerDay,
  shareOf,
  winRate,
} from './metrics.js';
import { parseAsOf } from './as-of.js';
import { MAX_METRICS_MONTHS, metricsWindow, NO_CUTOFF_MS } from './metrics-window.js';

describe('rates and means', () => {
  it('divides, and says null instead of dividing by zero', () => {
    expect(shareOf(3, 4)).toBe(0.75);
    expect(shareOf(0, 0)).toBeNull();
    expect(winRate(3, 1)).toBe(0.75);
    expect(winRate(0, 2)).toBe(0);
    expect(winRate(0, 0)).toBeNull();
    expect(meanOf(10, 4)).toBe(2.5);
    expect(meanOf(0, 0)).toBeNull();
    expect(msToDays(36 * 3_600_000)).toBe(1.5);
  });

  it('keeps a win rate between 0 and 1', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (won, lost) => {
        const rate = winRate(won, lost);
        if (won + lost === 0) return rate === null;
        return rate !== null && rate >= 0 && rate <= 1;
      }),
    );
  });
});

describe('Lead Velocity Rate', () => {
  it('is the month-on-month growth in percent, null after a month with none', () => {
    expect(leadVelocityRate(12, 10)).toBe(20);
    expect(leadVelocityRate(5, 10)).toBe(-50);
    expect(leadVelocityRate(0, 10)).toBe(-100);
    expect(leadVelocityRate(3, 0)).toBeNull();
    expect(leadVelocityRate(0, 0)).toBeNull();
  });

  it('uses the month before the period only as the first month’s "last month"', () => {
    expect(
      leadVelocitySeries([
        { month: '2025-12', qualified: 4 },
        { month: '2026-01', qualified: 0 },
        { month: '2026-02', qualified: 3 },
        { month: '2026-03', qualified: 6 },
      ]),
    ).toEqual([
      { month: '2026-01', qualified: 0, rate: -100 }, // (0 − 4) / 4
      { month: '2026-02', qualified: 3, rate: null }, // growth from zero has no rate
      { month: '2026-03', qualified: 6, rate: 100 }, // (6 − 3) / 3
    ]);
    expect(leadVelocitySeries([])).toEqual([]);
  });
});

describe('sales velocity', () => {
  it('is open deals × average won size × win rate ÷ cycle days, rounded once', () => {
    // 20 × 5,000.00 × 25% / 50 days = 500.00 a day
    expect(
      salesVelocityPerDay({
        openDeals: 20,
        averageWonMinor: 500_000,
        winRate: 0.25,
        meanCycleDays: 50,
      }),
    ).toBe(50_000);
    // 3 × 10.00 × (1/3) / 7 days = 1.428571… → 1.43
    expect(
      salesVelocityPerDay({
        openDeals: 3,
        averageWonMinor: 1000,
        winRate: 1 / 3,
        meanCycleDays: 7,
      }),
    ).toBe(143);
  });

  it('is unknown when a factor is', () => {
    const known = { openDeals: 1, averageWonMinor: 100, winRate: 0.5, meanCycleDays: 2 };
    expect(salesVelocityPerDay({ ...known, averageWonMinor: null })).toBeNull();
    expect(salesVelocityPerDay({ ...known, winRate: null })).toBeNull();
    expect(salesVelocityPerDay({ ...known, meanCycleDays: null })).toBeNull();
    expect(salesVelocityPerDay({ ...known, meanCycleDays: 0 })).toBeNull();
    expect(salesVelocityPerDay({ ...known, openDeals: 0 })).toBe(0);
  });
});

describe('money across currencies', () => {
  it('converts each currency’s sum once and names the ones without a rate', () => {
    const converted = convertSums(
      [
        { currency: 'USD', dealCount: 2, amountMinor: 10_000 },
        { currency: 'EUR', dealCount: 1, amountMinor: 5_000 },
        { currency: 'GBP', dealCount: 1, amountMinor: 900 },
      ],
      'USD',
      new Map([['EUR', '1.1']]),
    );
    // 100.00 USD + 50.00 EUR × 1.1 = 155.00 USD; the GBP deal is left out
    expect(converted).toEqual({
      total: { minor: 15_500, currency: 'USD' },
      dealCount: 3,
      unconvertedCurrencies: ['GBP'],
    });
  });

  it('averages with one rounding, half away from zero', () => {
    expect(averageMoney({ minor: 1000, currency: 'USD' }, 3)).toEqual({
      minor: 333,
      currency: 'USD',
    });
    expect(averageMoney({ minor: 5, currency: 'USD' }, 2)).toEqual({ minor: 3, currency: 'USD' });
    expect(averageMoney({ minor: 0, currency: 'USD' }, 0)).toBeNull();
  });
});

describe('funnel', () => {
  const stages = [
    { id: 'a', position: 1 },
    { id: 'b', position: 2 },
    { id: 'c', position: 3 },
  ];

  it('counts a deal at every stage up to the furthest it reached, with step ratios', () => {
    expect(
      funnelOf(stages, [
        { maxPosition: 1, deals: 5 },
        { maxPosition: 3, deals: 5 },
      ]),
    ).toEqual([
      { stageId: 'a', reached: 10, stepRate: null, rateFromTop: 1 },
      { stageId: 'b', reached: 5, stepRate: 0.5, rateFromTop: 0.5 },
      { stageId: 'c', reached: 5, stepRate: 1, rateFromTop: 0.5 },
    ]);
    expect(funnelOf(stages, []).map((s) => s.stepRate)).toEqual([null, null, null]);
  });

  it('never grows down the stages', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ maxPosition: fc.integer({ min: 1, max: 4 }), deals: fc.nat(50) })),
        (furthest) => {
          const steps = funnelOf(stages, furthest);
          return steps.every((step, i) => i === 0 || step.reached <= (steps[i - 1]?.reached ?? 0));
        },
      ),
    );
  });
});

describe('MQL stage', () => {
  it('is the stage just before the first qualified one, in position order', () => {
    const stages = [
      { id: 'ic', position: 4, isFirstQualified: true },
      { id: 'p', position: 2, isFirstQualified: false },
      { id: 'q', position: 3, isFirstQualified: false },
    ];
    const { mql, sql } = mqlStageOf(stages);
    expect(mql?.id).toBe('q');
    expect(sql?.id).toBe('ic');
    expect(mqlStageOf([{ id: 'x', position: 1, isFirstQualified: true }]).mql).toBeUndefined();
    expect(mqlStageOf([{ id: 'x', position: 1, isFirstQualified: false }]).sql).toBeUndefined();
  });
});

describe('metrics window', () => {
  const now = Date.parse('2026-05-10T12:00:00Z');

  it('bounds the period in the time zone and adds the month before it', () => {
    const window = metricsWindow(
      { from: '2026-01-01', to: '2026-03-01' },
      'Asia/Riyadh',
      null,
      now,
    );
    expect(window.fromMs).toBe(Date.parse('2025-12-31T21:00:00Z'));
    expect(window.endMs).toBe(Date.parse('2026-02-28T21:00:00Z'));
    expect(window.cutoffMs).toBe(NO_CUTOFF_MS);
    expect(window.snapshotMs).toBe(now);
    expect(window.months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('ends at "as of" when it comes before the period’s end', () => {
    const asOf = Date.parse('2026-02-01T00:00:00Z');
    const window = metricsWindow({ from: '2026-01-01', to: '2026-03-01' }, 'UTC', asOf, now);
    expect(window.endMs).toBe(asOf);
    expect(window.cutoffMs).toBe(asOf);
    expect(window.snapshotMs).toBe(asOf);
    // February has not begun "as of" 1 February: no month of leads to count, no rate.
    expect(window.months.map((m) => m.month)).toEqual(['2025-12', '2026-01']);
  });

  it('leaves out the months still to come', () => {
    const window = metricsWindow({ from: '2026-04-01', to: '2026-07-01' }, 'UTC', null, now);
    expect(window.months.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05']);
    const future = metricsWindow({ from: '2026-07-01', to: '2026-08-01' }, 'UTC', null, now);
    expect(future.months).toEqual([]);
  });

  it('refuses an empty, reversed or too long period', () => {
    expect(() => metricsWindow({ from: '2026-03-01', to: '2026-03-01' }, 'UTC', null, now)).toThrow(
      /Not a period/,
    );
    expect(() => metricsWindow({ from: '2026-03-01', to: '2026-01-01' }, 'UTC', null, now)).toThrow(
      /Not a period/,
    );
    const tooLong = { from: '2000-01-01', to: `${2000 + MAX_METRICS_MONTHS / 12 + 1}-01-01` };
    expect(() => metricsWindow(tooLong, 'UTC', null, now)).toThrow(/too long/);
  });

  it('reads "as of" as a zoned instant or the start of a local day, never the future', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(parseAsOf('2026-03-01', 'Asia/Riyadh', now)).toBe(Date.parse('2026-02-28T21:00:00Z'));
    expect(parseAsOf('2026-03-01T12:00:00Z', 'Asia/Riyadh', now)).toBe(
      Date.parse('2026-03-01T12:00:00Z'),
    );
    expect(parseAsOf('2026-03-01T12:00:00+03:00', 'UTC', now)).toBe(
      Date.parse('2026-03-01T09:00:00Z'),
    );
    expect(parseAsOf(undefined, 'UTC', now)).toBeUndefined();
    expect(parseAsOf('2026-06-01T00:00:00Z', 'UTC', now)).toBe(now);
    for (const bad of ['yesterday', '2026-03-01T12:00:00', '2026-13-45T00:00:00Z', '']) {
      expect(() => parseAsOf(bad, 'UTC', now), bad).toThrow(/Not an instant/);
    }
    for (const future of ['2026-06-02', '2026-06-01T00:00:01Z']) {
      expect(() => parseAsOf(future, 'UTC', now), future).toThrow(/future/);
    }
  });
});
