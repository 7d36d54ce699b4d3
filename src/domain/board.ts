import { convertMoney, type Money, weightMinor } from './money.js';

export interface StageCurrencyGroup {
  stageId: string;
  currency: string;
  /** Effective probability: the deal's override, else the stage's. */
  probability: number;
  dealCount: number;
  amountMinor: number;
}

export interface ColumnTotals {
  stageId: string;
  count: number;
  total: Money;
  weighted: Money;
  /** Currencies with no exchange rate to the base currency: left out of the totals. */
  unconvertedCurrencies: string[];
}

/**
 * Folds the grouped sums of a board into per-stage totals in the base currency. Each group is
 * converted once with the currency's rate and weighted with its probability, rounding once per
 * group, so the totals never drift the way per-deal float arithmetic does.
 * @example groups [{ s1, EUR, 50%, 2 deals, 100.00 }, { s1, USD, 50%, 1, 10.00 }] with EUR→USD 1.1
 *   → s1: count 3, total 120.00 USD, weighted 60.00 USD
 */
export function totalColumns(
  stageIds: string[],
  groups: StageCurrencyGroup[],
  baseCurrency: string,
  rates: ReadonlyMap<string, string>,
): ColumnTotals[] {
  return stageIds.map((stageId) => {
    let count = 0;
    let total = 0;
    let weighted = 0;
    const unconverted = new Set<string>();
    for (const group of groups) {
      if (group.stageId !== stageId) continue;
      count += group.dealCount;
      const rate = group.currency === baseCurrency ? '1' : rates.get(group.currency);
      if (rate === undefined) {
        unconverted.add(group.currency);
        continue;
      }
      const converted = convertMoney(
        { minor: group.amountMinor, currency: group.currency },
        baseCurrency,
        rate,
      );
      total += converted.minor;
      weighted += weightMinor(converted.minor, group.probability);
    }
    return {
      stageId,
      count,
      total: { minor: total, currency: baseCurrency },
      weighted: { minor: weighted, currency: baseCurrency },
      unconvertedCurrencies: [...unconverted].sort(),
    };
  });
}
