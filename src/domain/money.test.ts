import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  convertMoney,
  currencyExponent,
  divideRounded,
  isKnownCurrency,
  parseAmountToMinor,
  parseDecimal,
  sumMoney,
  weightMinor,
} from './money.js';

/** The DomainError thrown by `fn`; fails the test when nothing or something else is thrown. */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('isKnownCurrency', () => {
  it('accepts ISO-4217 codes and refuses anything else', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('SAR')).toBe(true);
    expect(isKnownCurrency('usd')).toBe(false);
    expect(isKnownCurrency('US')).toBe(false);
    expect(isKnownCurrency('USDX')).toBe(false);
    expect(isKnownCurrency('QQQ')).toBe(false);
  });
});

describe('currencyExponent', () => {
  it('gives the number of minor-unit digits', () => {
    expect(currencyExponent('USD')).toBe(2); // cents
    expect(currencyExponent('SAR')).toBe(2); // halalas
    expect(currencyExponent('JPY')).toBe(0); // no minor unit
    expect(currencyExponent('KWD')).toBe(3); // fils
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('OMR')).toBe(3); // baisa
  });

  it('answers the same from its cache on a second call', () => {
    expect(currencyExponent('JOD')).toBe(3);
    expect(currencyExponent('JOD')).toBe(3);
  });

  it('follows ISO 4217 minor units where display digits differ (IQD, LBP, SYP, YER, IRR, HUF, IDR)', () => {
    // ISO 4217 list one: Iraqi dinar = 1000 fils; the others have two minor-unit digits.
    // Amounts are stored as minor units, so the exponent must not depend on how a
    // runtime's CLDR data prefers to *display* the currency.
    const iso4217 = { IQD: 3, LBP: 2, SYP: 2, YER: 2, IRR: 2, HUF: 2, IDR: 2 };
    const actual = Object.fromEntries(
      Object.keys(iso4217).map((code) => [code, currencyExponent(code)]),
    );
    expect(actual).toEqual(iso4217);
  });

  it('refuses an unknown code with CURRENCY_UNKNOWN on the currency field', () => {
    for (const code of ['QQQ', 'usd', 'US', '']) {
      const error = domainErrorOf(() => currencyExponent(code));
      expect(error.code).toBe('CURRENCY_UNKNOWN');
      expect(error.details.map((d) => d.path)).toEqual([['currency']]);
    }
  });
});

describe('divideRounded', () => {
  it('rounds half away from zero in every sign combination', () => {
    expect(divideRounded(5n, 2n)).toBe(3n); // 2.5 → 3 (banker's rounding would give 2)
    expect(divideRounded(-5n, 2n)).toBe(-3n); // −2.5 → −3
    expect(divideRounded(5n, -2n)).toBe(-3n); // −2.5 → −3
    expect(divideRounded(-5n, -2n)).toBe(3n); // 2.5 → 3
    expect(divideRounded(7n, 2n)).toBe(4n); // 3.5 → 4
  });

  it('rounds below half toward zero and above half away from it', () => {
    expect(divideRounded(4n, 3n)).toBe(1n); // 1.333 → 1
    expect(divideRounded(5n, 3n)).toBe(2n); // 1.667 → 2
    expect(divideRounded(-4n, 3n)).toBe(-1n); // −1.333 → −1
    expect(divideRounded(-5n, 3n)).toBe(-2n); // −1.667 → −2
    expect(divideRounded(-5n, 4n)).toBe(-1n); // −1.25 → −1
    expect(divideRounded(-7n, 4n)).toBe(-2n); // −1.75 → −2
    expect(divideRounded(1n, 3n)).toBe(0n); // 0.333 → 0
    expect(divideRounded(0n, 7n)).toBe(0n);
    expect(divideRounded(12n, 4n)).toBe(3n); // exact
  });

  it('refuses division by zero', () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });

  it('property: the result is within half a unit, ties go away from zero, and sign is symmetric', () => {
    const nonZero = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), nonZero, (n, d) => {
        const q = divideRounded(n, d);
        const abs = (x: bigint) => (x < 0n ? -x : x);
        // |n/d − q| ≤ 1/2  ⇔  |2(n − q·d)| ≤ |d|
        const twiceRemainder = abs(2n * (n - q * d));
        expect(twiceRemainder <= abs(d)).toBe(true);
        // On an exact tie the result is the one further from zero.
        if (twiceRemainder === abs(d)) expect(abs(q * d) > abs(n)).toBe(true);
        expect(divideRounded(-n, d)).toBe(-q);
        expect(divideRounded(n, -d)).toBe(-q);
      }),
    );
  });
});

describe('parseDecimal', () => {
  it('keeps the digits and the scale exactly', () => {
    expect(parseDecimal('3.6725')).toEqual({ units: 36725n, scale: 4 });
    expect(parseDecimal('42')).toEqual({ units: 42n, scale: 0 });
    // Trailing zeros keep their place in the scale: 0.50 = 50 / 10².
    expect(parseDecimal(' 0.50 ')).toEqual({ units: 50n, scale: 2 });
    expect(parseDecimal('007.10')).toEqual({ units: 710n, scale: 2 });
    // More digits than a double holds: 0.1234567890123456789 stays exact.
    expect(parseDecimal('0.1234567890123456789')).toEqual({
      units: 1234567890123456789n,
      scale: 19,
    });
  });

  it('refuses anything that is not a plain positive decimal', () => {
    for (const text of ['', '-1', '+1', '1e3', '.5', '5.', '1,000', '1.2.3', 'abc', 'NaN']) {
      expect(() => parseDecimal(text), text).toThrow(RangeError);
    }
  });
});

describe('sumMoney', () => {
  it('adds amounts of one currency', () => {
    const total = sumMoney(
      [
        { minor: 100, currency: 'USD' },
        { minor: 250, currency: 'USD' },
        { minor: -50, currency: 'USD' },
      ],
      'USD',
    );
    expect(total).toEqual({ minor: 300, currency: 'USD' }); // 100 + 250 − 50
  });

  it('gives zero in the requested currency for no amounts', () => {
    expect(sumMoney([], 'KWD')).toEqual({ minor: 0, currency: 'KWD' });
  });

  it('refuses to add different currencies without conversion', () => {
    const mixed = [
      { minor: 100, currency: 'USD' },
      { minor: 100, currency: 'SAR' },
    ];
    expect(() => sumMoney(mixed, 'USD')).toThrow(/SAR.*USD/);
    expect(() => sumMoney([{ minor: 1, currency: 'EUR' }], 'USD')).toThrow(RangeError);
  });

  it('refuses a sum beyond the safe integer range instead of losing cents', () => {
    const huge = { minor: Number.MAX_SAFE_INTEGER, currency: 'USD' };
    expect(() => sumMoney([huge, { minor: 1, currency: 'USD' }], 'USD')).toThrow(RangeError);
  });
});

describe('convertMoney', () => {
  it('converts between currencies with the same exponent', () => {
    // 100.00 USD × 3.75 = 375.00 SAR
    expect(convertMoney({ minor: 10000, currency: 'USD' }, 'SAR', '3.75')).toEqual({
      minor: 37500,
      currency: 'SAR',
    });
  });

  it('is exact where floating point drifts', () => {
    // 1,000,000 cents × 0.07 = 70,000 cents; in floats 1000000 * 0.07 = 70000.00000000001.
    expect(convertMoney({ minor: 1_000_000, currency: 'USD' }, 'EUR', '0.07').minor).toBe(70_000);
    // 1.50 × 1.15 = 1.725 → 1.73 (172.5 cents, half away from zero);
    // in floats 150 * 1.15 = 172.49999999999997, which Math.round would make 172.
    expect(convertMoney({ minor: 150, currency: 'USD' }, 'EUR', '1.15').minor).toBe(173);
    // 1.00 × 1.005 = 1.005 → 1.01 (100.5 cents); in floats 100 * 1.005 = 100.49999999999999.
    expect(convertMoney({ minor: 100, currency: 'USD' }, 'EUR', '1.005').minor).toBe(101);
    // 10 cents × 0.3 = 3 cents (the 0.1 + 0.2 family: 10 * 0.3 = 3.0000000000000004 in floats).
    expect(convertMoney({ minor: 10, currency: 'USD' }, 'EUR', '0.3').minor).toBe(3);
  });

  it('converts from a three-digit currency to a two-digit one (KWD → USD)', () => {
    // 1.000 KWD × 3.25 = 3.25 USD = 325 cents
    expect(convertMoney({ minor: 1000, currency: 'KWD' }, 'USD', '3.25')).toEqual({
      minor: 325,
      currency: 'USD',
    });
    // 1.234 KWD × 3.25 = 4.0105 USD = 401.05 cents → 401
    expect(convertMoney({ minor: 1234, currency: 'KWD' }, 'USD', '3.25').minor).toBe(401);
  });

  it('converts into a currency without minor units (USD → JPY)', () => {
    // 123.45 USD × 150.5 = 18,579.225 JPY → 18,579
    expect(convertMoney({ minor: 12345, currency: 'USD' }, 'JPY', '150.5')).toEqual({
      minor: 18579,
      currency: 'JPY',
    });
    // 0.01 USD × 150 = 1.5 JPY → 2 (half away from zero)
    expect(convertMoney({ minor: 1, currency: 'USD' }, 'JPY', '150').minor).toBe(2);
  });

  it('converts out of a currency without minor units (JPY → USD, JPY → KWD)', () => {
    // 1,000,000 JPY × 0.0067 = 6,700.00 USD = 670,000 cents
    expect(convertMoney({ minor: 1_000_000, currency: 'JPY' }, 'USD', '0.0067').minor).toBe(
      670_000,
    );
    // 7 JPY × 0.002 = 0.014 KWD = 14 fils (exponent goes up by 3, the rate's scale takes 3)
    expect(convertMoney({ minor: 7, currency: 'JPY' }, 'KWD', '0.002').minor).toBe(14);
  });

  it('rounds once, at the end, half away from zero', () => {
    // 10.00 USD × 0.30744995 = 3.0744995 KWD = 3,074.4995 fils → 3,074.
    // Rounding twice (to 3,074.5 first) would give 3,075.
    expect(convertMoney({ minor: 1000, currency: 'USD' }, 'KWD', '0.30744995').minor).toBe(3074);
    // −1.50 × 1.15 = −1.725 → −1.73 (−172.5 cents, away from zero)
    expect(convertMoney({ minor: -150, currency: 'USD' }, 'EUR', '1.15').minor).toBe(-173);
  });

  it('returns a copy, not a conversion, when the currency is already the target', () => {
    const amount = { minor: 12345, currency: 'USD' };
    const converted = convertMoney(amount, 'USD', '2');
    expect(converted).toEqual({ minor: 12345, currency: 'USD' });
    expect(converted).not.toBe(amount);
  });

  it('refuses unknown currencies, malformed rates and unsafe results', () => {
    expect(domainErrorOf(() => convertMoney({ minor: 1, currency: 'USD' }, 'QQQ', '1')).code).toBe(
      'CURRENCY_UNKNOWN',
    );
    expect(domainErrorOf(() => convertMoney({ minor: 1, currency: 'QQQ' }, 'USD', '1')).code).toBe(
      'CURRENCY_UNKNOWN',
    );
    expect(() => convertMoney({ minor: 1, currency: 'USD' }, 'EUR', '-1')).toThrow(RangeError);
    expect(() => convertMoney({ minor: 1, currency: 'USD' }, 'EUR', '1e3')).toThrow(RangeError);
    // 9.0e15 cents × 10 = 9.0e16, beyond Number.MAX_SAFE_INTEGER (≈ 9.007e15)
    expect(() =>
      convertMoney({ minor: 9_000_000_000_000_000, currency: 'USD' }, 'EUR', '10'),
    ).toThrow(RangeError);
  });

  const sameExponentPairs = fc.constantFrom(
    ['USD', 'EUR'],
    ['SAR', 'AED'],
    ['EGP', 'GBP'],
    ['KWD', 'BHD'],
    ['OMR', 'JOD'],
    ['JPY', 'KRW'],
  );

  it('property: rate 1 between currencies with the same exponent is the identity', () => {
    fc.assert(
      fc.property(
        sameExponentPairs,
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.constantFrom('1', '1.0', '1.000000', '01'),
        ([from, to], minor, rate) => {
          expect(convertMoney({ minor, currency: from }, to, rate)).toEqual({
            minor,
            currency: to,
          });
        },
      ),
    );
  });

  /** A rate as text and as units / 10^scale: units ≤ 10⁶, scale ≤ 6. */
  const rateArb = fc
    .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 6 }))
    .map(([units, scale]) => {
      const digits = String(units).padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return { text, units: BigInt(units), scale };
    });

  /** Pairs whose exponents differ by −2 … +2, exponents written out by hand. */
  const pairArb = fc.constantFrom(
    { from: 'EUR', to: 'USD', fromExp: 2, toExp: 2 },
    { from: 'KWD', to: 'USD', fromExp: 3, toExp: 2 },
    { from: 'USD', to: 'KWD', fromExp: 2, toExp: 3 },
    { from: 'USD', to: 'JPY', fromExp: 2, toExp: 0 },
    { from: 'JPY', to: 'USD', fromExp: 0, toExp: 2 },
    { from: 'KWD', to: 'JPY', fromExp: 3, toExp: 0 },
  );

  it('property: the result is the exact product rounded once, within half a minor unit', () => {
    fc.assert(
      fc.property(
        pairArb,
        rateArb,
        fc.integer({ min: -1e6, max: 1e6 }),
        ({ from, to, fromExp, toExp }, rate, minor) => {
          const result = BigInt(convertMoney({ minor, currency: from }, to, rate.text).minor);
          // exact = minor × units × 10^toExp / (10^scale × 10^fromExp), in `to` minor units.
          const numerator = BigInt(minor) * rate.units * 10n ** BigInt(toExp);
          const denominator = 10n ** BigInt(rate.scale + fromExp);
          const twiceError = 2n * (result * denominator - numerator);
          const absTwiceError = twiceError < 0n ? -twiceError : twiceError;
          expect(absTwiceError <= denominator).toBe(true);
          if (absTwiceError === denominator) {
            // A tie: away from zero means |result| > |exact|, i.e. |result × den| > |num|.
            const abs = (x: bigint) => (x < 0n ? -x : x);
            expect(abs(result * denominator) > abs(numerator)).toBe(true);
          }
        },
      ),
    );
  });

  it('property: converting then summing and summing then converting differ by at most the number of groups', () => {
    fc.assert(
      fc.property(
        pairArb,
        rateArb,
        fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 20 }),
        ({ from, to }, rate, minors) => {
          const convertedThenSummed = sumMoney(
            minors.map((minor) => convertMoney({ minor, currency: from }, to, rate.text)),
            to,
          ).minor;
          const summed = sumMoney(
            minors.map((minor) => ({ minor, currency: from })),
            from,
          );
          const summedThenConverted = convertMoney(summed, to, rate.text).minor;
          const difference = Math.abs(convertedThenSummed - summedThenConverted);
          expect(difference).toBeLessThanOrEqual(minors.length);
          // Tighter: each of the n + 1 roundings is off by at most ½, so the integer
          // difference is at most ⌊(n + 1) / 2⌋. Truncating instead of rounding breaks this.
          expect(difference).toBeLessThanOrEqual(Math.floor((minors.length + 1) / 2));
        },
      ),
    );
  });
});

describe('weightMinor', () => {
  it('applies a whole-percent probability and rounds once', () => {
    expect(weightMinor(12345, 35)).toBe(4321); // 123.45 × 35% = 43.2075 → 43.21
    expect(weightMinor(10, 33)).toBe(3); // 0.10 × 33% = 0.033 → 0.03
    expect(weightMinor(3, 50)).toBe(2); // 1.5 → 2
    expect(weightMinor(1, 50)).toBe(1); // 0.5 → 1 (half away from zero)
    expect(weightMinor(1, 49)).toBe(0); // 0.49 → 0
    expect(weightMinor(-1, 50)).toBe(-1); // −0.5 → −1
    expect(weightMinor(99_999, 0)).toBe(0);
    expect(weightMinor(99_999, 100)).toBe(99_999);
  });
});

describe('parseAmountToMinor', () => {
  it('reads Western digits with thousands separators', () => {
    expect(parseAmountToMinor('1,250.50', 'USD')).toBe(125050);
    expect(parseAmountToMinor('1,250.5', 'USD')).toBe(125050); // 1250.5 × 100
    expect(parseAmountToMinor('1,000,000', 'USD')).toBe(100_000_000);
    expect(parseAmountToMinor('  42 ', 'USD')).toBe(4200);
    // A space, a no-break space and a narrow no-break space as thousands separators.
    expect(parseAmountToMinor('1 250.50', 'USD')).toBe(125050);
    expect(parseAmountToMinor('1\u00a0250.50', 'USD')).toBe(125050);
    expect(parseAmountToMinor('1\u202f250.50', 'USD')).toBe(125050);
  });

  it('reads Arabic-Indic and Persian digits with Arabic separators', () => {
    // ١٬٢٥٠٫٥٠ = 1,250.50 (U+066C thousands, U+066B decimal)
    expect(parseAmountToMinor('١٬٢٥٠٫٥٠', 'USD')).toBe(125050);
    expect(parseAmountToMinor('١٢٥٠٫٥', 'SAR')).toBe(125050);
    // ۱۲۳٫۴۵۶ (extended Arabic-Indic) = 123.456 KWD = 123,456 fils
    expect(parseAmountToMinor('۱۲۳٫۴۵۶', 'KWD')).toBe(123456);
  });

  it('scales to the currency exponent', () => {
    expect(parseAmountToMinor('1,250', 'JPY')).toBe(1250); // no minor unit
    expect(parseAmountToMinor('1.5', 'KWD')).toBe(1500); // 1.500 KWD
    expect(parseAmountToMinor('7', 'KWD')).toBe(7000);
  });

  it('rounds extra decimals once, half away from zero, without float error', () => {
    // 1.005 USD = 100.5 cents → 101; in floats 1.005 * 100 = 100.49999999999999.
    expect(parseAmountToMinor('1.005', 'USD')).toBe(101);
    expect(parseAmountToMinor('1.004', 'USD')).toBe(100); // 100.4 → 100
    expect(parseAmountToMinor('1,250.5', 'JPY')).toBe(1251); // 1250.5 → 1251
    expect(parseAmountToMinor('0.0005', 'KWD')).toBe(1); // 0.5 fils → 1
  });

  it('keeps the sign of negative amounts', () => {
    expect(parseAmountToMinor('-1,250.50', 'USD')).toBe(-125050);
    expect(parseAmountToMinor('-1,250.505', 'USD')).toBe(-125051); // −125,050.5 → −125,051
    expect(parseAmountToMinor('-١٢٫٥', 'USD')).toBe(-1250);
  });

  it('refuses text that is not an amount', () => {
    for (const text of ['', 'abc', '1.2.3', '--5', '1e3', '12a']) {
      expect(() => parseAmountToMinor(text, 'USD'), text).toThrow(RangeError);
    }
  });

  it('refuses an unknown currency and amounts beyond the safe range', () => {
    expect(domainErrorOf(() => parseAmountToMinor('10', 'QQQ')).code).toBe('CURRENCY_UNKNOWN');
    // 100,000,000,000,000 USD = 10¹⁶ cents > Number.MAX_SAFE_INTEGER
    expect(() => parseAmountToMinor('100,000,000,000,000', 'USD')).toThrow(RangeError);
  });

  it('property: Arabic-Indic digits read the same as Western ones', () => {
    const toArabicIndic = (text: string) =>
      text.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, cents) => {
          const western = `${whole}.${String(cents).padStart(2, '0')}`;
          const arabic = toArabicIndic(western).replace('.', '\u066B');
          // whole × 100 + cents, by construction
          expect(parseAmountToMinor(arabic, 'USD')).toBe(whole * 100 + cents);
          expect(parseAmountToMinor(western, 'USD')).toBe(whole * 100 + cents);
        },
      ),
    );
  });
});
