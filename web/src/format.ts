/** Numbers, money and dates for people, in their language, through Intl. */
export function localeOf(language: string): string {
  // Arabic with Arabic-Indic digits and the Gregorian calendar unless Hijri is asked for.
  return language === 'ar' ? 'ar-SA-u-nu-arab-ca-gregory' : 'en-US';
}

function digitsOf(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** Minor units to a display amount: 1250050 USD → "$12,500.50" / "١٢٬٥٠٠٫٥٠ US$". */
export function formatMoney(
  minor: number,
  currency: string,
  language: string,
  compact = false,
): string {
  const digits = digitsOf(currency);
  return new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency,
    ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
  }).format(minor / 10 ** digits);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

export function formatPercent(ratio: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(ratio);
}

/** A calendar day without a time: YYYY-MM-DD. */
const BARE_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Gregorian date, optionally with its Hijri (Umm al-Qura) form beside it, of `date` as the
 * wall clock of `timeZone` reads it (the browser's when undefined).
 */
function formatCalendarDate(
  date: Date,
  language: string,
  withHijri: boolean,
  timeZone: string | undefined,
): string {
  const zone = timeZone === undefined ? {} : { timeZone };
  const gregorian = new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    ...zone,
  }).format(date);
  if (!withHijri) return gregorian;
  const hijri = new Intl.DateTimeFormat(
    language === 'ar' ? 'ar-SA-u-ca-islamic-umalqura' : 'en-US-u-ca-islamic-umalqura',
    { dateStyle: 'medium', ...zone },
  ).format(date);
  return `${gregorian} (${hijri})`;
}

/**
 * The day of an instant (ISO 8601 with a time) in the browser's time zone, optionally with its
 * Hijri form. A bare calendar day (YYYY-MM-DD) is that very day, as formatDay shows it: read as
 * an instant it would be midnight UTC, the day before west of UTC.
 */
export function formatDate(iso: string, language: string, withHijri = false): string {
  if (BARE_DAY.test(iso)) return formatDay(iso, language, withHijri);
  return formatCalendarDate(new Date(iso), language, withHijri, undefined);
}

export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** digitsOf(currency));
}

/** Minor units as a plain number of major units, for charts. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** digitsOf(currency);
}

/**
 * A calendar day (YYYY-MM-DD) as people write it, optionally with its Hijri form: the same day
 * whatever the browser's zone (the day's UTC midnight, formatted in UTC, never the local zone).
 * @example formatDay('2026-12-20', 'en') === 'Dec 20, 2026' (in New York too)
 */
export function formatDay(day: string, language: string, withHijri = false): string {
  return formatCalendarDate(new Date(`${day}T00:00:00Z`), language, withHijri, 'UTC');
}

/** A month (YYYY-MM): "Mar 2026" / "مارس ٢٠٢٦". */
export function formatMonth(month: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** Days with at most one decimal: 12.5 → "12.5" / "١٢٫٥". */
export function formatDays(days: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(days);
}

/** A change as a signed percentage: 0.235 → "+23.5%", -1 → "-100%". */
export function formatChange(ratio: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(ratio);
}

/** A plain ratio with up to two decimals: 0.3114 → "0.31" / "٠٫٣١". */
export function formatRatio(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(value);
}

/** An exchange rate as stored (a decimal string), every decimal kept: "3.75" → "3.75" / "٣٫٧٥". */
export function formatRate(rate: string, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 12 }).format(
    Number(rate),
  );
}
