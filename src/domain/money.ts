import { DomainError } from './errors.js';

/** An amount of money: an integer count of the currency's minor units (cents, fils, halalas). */
export interface Money {
  minor: number;
  currency: string;
}

/**
 * ISO 4217 minor units of every currency whose exponent is not 2 (List One). The runtime's Intl
 * data gives CLDR's *display* digits instead, which differ for some currencies (IQD, YER, IDR…)
 * and may change with an ICU upgrade; the meaning of stored minor units must not.
 */
// biome-ignore format: a table reads better in rows
const NON_DECIMAL_EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

let knownCurrencies: Set<string> | undefined;

/** True when `code` is an ISO-4217 code that this runtime knows. */
export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

/**
 * Number of minor-unit digits of a currency, per ISO 4217.
 * @example currencyExponent('USD') === 2; currencyExponent('JPY') === 0; currencyExponent('KWD') === 3
 */
export function currencyExponent(currency: string): number {
  if (!isKnownCurrency(currency)) {
    throw new DomainError('CURRENCY_UNKNOWN', `Unknown currency ${currency}`, [
      { path: ['currency'], message: `Unknown ISO-4217 currency ${currency}` },
    ]);
  }
  return NON_DECIMAL_EXPONENTS[currency] ?? 2;
}

/**
 * Divides two bigints and rounds half away from zero, the rounding people expect on invoices.
 * @example divideRounded(5n, 2n) === 3n; divideRounded(-5n, 2n) === -3n; divideRounded(4n, 3n) === 1n
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = (n % d) * 2n >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** A positive decimal written as text, kept exact: `value = units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/**
 * Parses a decimal string such as an exchange rate, without going through floating point.
 * @example parseDecimal('3.6725') → { units: 36725n, scale: 4 }
 */
export function parseDecimal(text: string): Decimal {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a positive decimal: ${text}`);
  const fraction = match[2] ?? '';
  return { units: BigInt(`${match[1]}${fraction}`), scale: fraction.length };
}

function assertSafe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('Amount exceeds the safe integer range');
  }
  return Number(value);
}

/** Sum of amounts in one currency. Throws when currencies differ: convert first. */
export function sumMoney(amounts: Money[], currency: string): Money {
  let total = 0n;
  for (const amount of amounts) {
    if (amount.currency !== currency) {
      throw new RangeError(`Cannot add ${amount.currency} to ${currency} without conversion`);
    }
    total += BigInt(amount.minor);
  }
  return { minor: assertSafe(total), currency };
}

/**
 * Converts an amount with a rate meaning "1 unit of `from` = rate units of `to`", exactly, then
 * rounds once to `to`'s minor unit (half away from zero).
 * @example convertMoney({ minor: 10000, currency: 'USD' }, 'SAR', '3.75') → { minor: 37500, currency: 'SAR' }
 * @example convertMoney({ minor: 1000, currency: 'KWD' }, 'USD', '3.25') → { minor: 325, currency: 'USD' } (1.000 KWD)
 */
export function convertMoney(amount: Money, to: string, rate: string): Money {
  if (amount.currency === to) return { ...amount };
  const { units, scale } = parseDecimal(rate);
  const shift = currencyExponent(to) - currencyExponent(amount.currency) - scale;
  const scaled = BigInt(amount.minor) * units;
  const minor =
    shift >= 0 ? scaled * 10n ** BigInt(shift) : divideRounded(scaled, 10n ** BigInt(-shift));
  return { minor: assertSafe(minor), currency: to };
}

/**
 * Applies a probability in whole percent to a sum of minor units, rounding once.
 * @example weightMinor(12345, 35) === 4321 (123.45 × 35% = 43.2075 → 43.21)
 */
export function weightMinor(minor: number, probabilityPercent: number): number {
  return assertSafe(divideRounded(BigInt(minor) * BigInt(probabilityPercent), 100n));
}

/**
 * Parses a decimal amount typed by a person ("1,250.50", "١٢٥٠٫٥") into minor units, exactly.
 * @example parseAmountToMinor('1,250.5', 'USD') === 125050
 */
export function parseAmountToMinor(text: string, currency: string): number {
  const western = text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.')
    .replace(/[,\u066C\s]/g, '');
  const negative = western.startsWith('-');
  const { units, scale } = parseDecimal(negative ? western.slice(1) : western);
  const exponent = currencyExponent(currency);
  const minor =
    exponent >= scale
      ? units * 10n ** BigInt(exponent - scale)
      : divideRounded(units, 10n ** BigInt(scale - exponent));
  return assertSafe(negative ? -minor : minor);
}
