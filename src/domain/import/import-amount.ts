/**
 * Amounts as spreadsheets and other CRMs write them: thousands separators, Arabic-Indic digits,
 * the Arabic decimal and thousands marks (٫ ٬), a currency sign or code, accounting negatives.
 * The decimal separator is a dot unless the mapping declares a comma; a value that would read
 * differently the other way ("1,5" under a dot) is a rejection, never a guess.
 */
export type DecimalSeparator = '.' | ',';

export type AmountParse = { ok: true; text: string } | { ok: false; reason: string };

/** Signs, ISO codes and the Arabic abbreviations of Gulf and Arab currencies (ر.س، د.إ، ج.م …). */
const CURRENCY_MARKS = /[$€£¥₹﷼]|(?:ر\.?\s?[سقع]|د\.?\s?[إكبأ]|ج\.?\s?م)\.?|\b[A-Z]{3}\b/gu;
/** Spaces a number may be grouped with: space, no-break space, thin and narrow spaces, ’ and '. */
const GROUP_SPACES = /[\s\u00a0\u2009\u202f'’]/g;
const BIDI_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function westernDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/**
 * The plain decimal text ("-1234.5") of an amount cell, for parseAmountToMinor.
 * @example canonicalAmount('12,500.00', '.') → { ok: true, text: '12500.00' }
 * @example canonicalAmount('١٢٬٥٠٠٫٧٥', '.') → { ok: true, text: '12500.75' }
 * @example canonicalAmount('12.500,00 €', ',') → { ok: true, text: '12500.00' }
 * @example canonicalAmount('(1,200)', '.') → { ok: true, text: '-1200' }
 * @example canonicalAmount('1,5', '.') → { ok: false, reason: '… declare "decimalSeparator" …' }
 */
export function canonicalAmount(raw: string, decimal: DecimalSeparator): AmountParse {
  let text = westernDigits(raw.replace(BIDI_MARKS, ''))
    .replace(/\u066b/g, decimal === '.' ? '.' : ',')
    .replace(/\u066c/g, decimal === '.' ? ',' : '.')
    .replace(CURRENCY_MARKS, '')
    .replace(GROUP_SPACES, '');
  let isNegative = false;
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) {
    isNegative = true;
    text = accounting[1] ?? '';
  }
  if (text.startsWith('-') || text.startsWith('\u2212')) {
    isNegative = !isNegative;
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    isNegative = !isNegative;
    text = text.slice(0, -1);
  }
  const group = decimal === '.' ? ',' : '.';
  const [whole = '', fraction, ...rest] = text.split(decimal);
  if (rest.length > 0 || whole === '' || (fraction !== undefined && !/^\d+$/.test(fraction))) {
    return { ok: false, reason: notAmount(raw, decimal) };
  }
  const isGrouped = whole.includes(group);
  if (isGrouped && !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) {
    // "1,5" or "12,50" under a dot: a decimal comma, not thousands.
    return { ok: false, reason: notAmount(raw, decimal) };
  }
  if (!isGrouped && !/^\d+$/.test(whole)) return { ok: false, reason: notAmount(raw, decimal) };
  const digits = whole.split(group).join('');
  const plain = fraction === undefined ? digits : `${digits}.${fraction}`;
  return { ok: true, text: `${isNegative ? '-' : ''}${plain}` };
}

/**
 * Whether a plain decimal carries more precision than the currency's minor unit: money is never
 * rounded silently. Trailing zeros are not precision.
 * @example hasExcessPrecision('12.345', 2) === true; hasExcessPrecision('12.3400', 2) === false
 */
export function hasExcessPrecision(plain: string, exponent: number): boolean {
  const fraction = plain.split('.')[1] ?? '';
  return fraction.slice(exponent).replace(/0+$/, '') !== '';
}

function notAmount(raw: string, decimal: DecimalSeparator): string {
  const other = decimal === '.' ? ',' : '.';
  return (
    `not an amount: "${raw}" (read with "${decimal}" as the decimal separator; if the file ` +
    `writes decimals with "${other}", declare "decimalSeparator": "${other}" in the mapping)`
  );
}
