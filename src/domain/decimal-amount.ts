/**
 * Writes an integer of minor units as a plain decimal number in major units, exactly (no
 * floating point, no grouping), with as many fraction digits as the currency has.
 * @example formatMinorUnits(123456, 2) === '1234.56'
 * @example formatMinorUnits(5, 3) === '0.005'; formatMinorUnits(-150, 2) === '-1.50'
 * @example formatMinorUnits(1500, 0) === '1500'
 */
export function formatMinorUnits(minor: number, exponent: number): string {
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`Not a whole number of minor units: ${minor}`);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${fraction}`;
}
