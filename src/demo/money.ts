/** Currencies, amounts and exchange rates of the demo. */
import { currencyExponent } from '../domain/money.js';
import { chance, type Random, randomBetween } from './random.js';

/**
 * US dollars per unit, near their 2025 levels. The Gulf pegs (SAR 3.75, AED 3.6725, QAR 3.64,
 * BHD 0.376, OMR 0.3845 per dollar) hold still; floating currencies drift from month to month.
 */
const USD_PER_UNIT: Record<string, number> = {
  USD: 1,
  SAR: 1 / 3.75,
  AED: 1 / 3.6725,
  QAR: 1 / 3.64,
  BHD: 1 / 0.376,
  OMR: 1 / 0.3845,
  KWD: 3.25,
  EUR: 1.08,
  GBP: 1.27,
  EGP: 0.0204,
  JOD: 1 / 0.709,
};
const FLOATING = new Set(['EUR', 'GBP', 'EGP', 'KWD']);
const EURO_COUNTRIES = new Set(['DE', 'FR', 'NL', 'SE', 'CH']);

/** Whether the demo can write rates into this base currency (else every deal uses the base). */
export function hasDemoRates(baseCurrency: string): boolean {
  return baseCurrency in USD_PER_UNIT;
}

/**
 * The currency a customer of `country` is quoted in: riyals in Saudi Arabia, dirhams in the
 * Emirates, euros in Europe, dollars elsewhere, with a few dollar deals everywhere.
 */
export function dealCurrencyFor(random: Random, country: string, baseCurrency: string) {
  if (!hasDemoRates(baseCurrency)) return baseCurrency;
  if (chance(random, 0.1)) return 'USD';
  if (country === 'SA') return 'SAR';
  if (country === 'AE') return 'AED';
  if (EURO_COUNTRIES.has(country)) return 'EUR';
  return 'USD';
}

/**
 * Minor units of a value given in US dollars, rounded the way a quote is: to 250 under 10,000,
 * to 1,000 under 100,000, to 5,000 above.
 * @example amountInCurrency(20_000, 'SAR') === 7_500_000 (75,000.00 SAR)
 */
export function amountInCurrency(usd: number, currency: string): number {
  const major = usd / (USD_PER_UNIT[currency] ?? 1);
  const step = major < 10_000 ? 250 : major < 100_000 ? 1_000 : 5_000;
  const rounded = Math.max(step, Math.round(major / step) * step);
  return rounded * 10 ** currencyExponent(currency);
}

/** Scales an amount (a new quote, a discount) and rounds it like a quote again. */
export function scaleAmount(minor: number, currency: string, factor: number): number {
  const usd = (minor / 10 ** currencyExponent(currency)) * (USD_PER_UNIT[currency] ?? 1);
  return amountInCurrency(usd * factor, currency);
}

/**
 * Formats a rate with at most 8 decimals and no trailing zeros.
 * @example formatRate(1 / 3.75) === '0.26666667'; formatRate(3.75) === '3.75'
 */
export function formatRate(rate: number): string {
  return rate.toFixed(8).replace(/\.?0+$/, '');
}

export interface DemoRate {
  currency: string;
  day: string;
  /** Units of the base currency per unit of `currency`. */
  rate: string;
}

/**
 * Monthly rates into the base currency for every currency the deals use, one per `days` entry.
 * Pegged currencies keep one rate; floating ones wander by up to ±1.25% a month.
 */
export function demoRates(
  random: Random,
  baseCurrency: string,
  currencies: Iterable<string>,
  days: string[],
): DemoRate[] {
  if (!hasDemoRates(baseCurrency)) return [];
  const drift = new Map<string, number>([...FLOATING].map((c) => [c, 1]));
  const rows: DemoRate[] = [];
  const used = [...new Set(currencies)].filter((c) => c !== baseCurrency).sort();
  for (const day of days) {
    for (const currency of FLOATING) {
      drift.set(
        currency,
        (drift.get(currency) ?? 1) * (1 + randomBetween(random, -0.0125, 0.0125)),
      );
    }
    const usdPerUnit = (c: string) => (USD_PER_UNIT[c] ?? 1) * (drift.get(c) ?? 1);
    for (const currency of used) {
      rows.push({
        currency,
        day,
        rate: formatRate(usdPerUnit(currency) / usdPerUnit(baseCurrency)),
      });
    }
  }
  return rows;
}
