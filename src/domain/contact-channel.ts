/** Emails and phone numbers as people type them, reduced to one comparable form. */

/** Bidirectional marks that copying a number out of Arabic text often carries along. */
const BIDI_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const PHONE_DIGITS = { min: 3, max: 20 } as const;

/** @example normalizeEmail('  Sara@Example.COM ') === 'sara@example.com' */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * A phone number reduced to what a dialler needs: a leading + (if typed) and ASCII digits, with
 * Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits converted.
 * @example normalizePhone('+٩٦٦ (٥٠) ١٢٣-٤٥٦٧') === '+966501234567'
 * @example normalizePhone('۰۵۰ ۱۲۳ ۴۵۶۷') === '0501234567'
 */
export function normalizePhone(value: string): string {
  const ascii = value
    .replace(BIDI_MARKS, '')
    .trim()
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  const digits = ascii.replace(/[^0-9]/g, '');
  return ascii.startsWith('+') ? `+${digits}` : digits;
}

/** A phone number is plausible when it has between 3 and 20 digits once normalised. */
export function isPlausiblePhone(value: string): boolean {
  const digitCount = normalizePhone(value).replace('+', '').length;
  return digitCount >= PHONE_DIGITS.min && digitCount <= PHONE_DIGITS.max;
}
