/**
 * Dates as other systems export them. A file declares its day order (`dmy` or `mdy`) or is read
 * as ISO; without a declaration a slashed date is accepted only when it cannot be misread
 * (a part above 12, or both parts equal). 03/04/2026 is a rejection, never a guess.
 */
export type DateFormat = 'iso' | 'dmy' | 'mdy';

/** A calendar day, with a time of day in minutes when the file gave one (local to the workspace). */
export interface ImportedDate {
  day: string;
  /** Minutes after midnight, local time; null for a bare day. */
  minutes: number | null;
  /** An exact instant when the text carried a zone (`…Z`, `+03:00`). */
  instantMs: number | null;
}

export type DateParse =
  | { ok: true; value: ImportedDate; order: 'dmy' | 'mdy' | null }
  | { ok: false; reason: string };

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASHED =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;

function westernDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u061c\u200e\u200f]/g, '')
    .trim();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function minutesOf(hours?: string, minutes?: string, meridiem?: string): number | null {
  if (hours === undefined || minutes === undefined) return null;
  let h = Number(hours);
  if (meridiem) h = (h % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  return h * 60 + Number(minutes);
}

/**
 * Reads one date cell.
 * @example parseImportDate('2026-03-04', null) → { ok: true, value: { day: '2026-03-04', … } }
 * @example parseImportDate('13/04/2026', null) → day 2026-04-13, order 'dmy' (13 cannot be a month)
 * @example parseImportDate('03/04/2026', null) → { ok: false, reason: 'ambiguous …' }
 * @example parseImportDate('03/04/2026', 'mdy') → day 2026-03-04
 */
export function parseImportDate(text: string, format: DateFormat | null): DateParse {
  const value = westernDigits(text);
  const iso = ISO.exec(value);
  if (iso) {
    const day = validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!day) return { ok: false, reason: `not a calendar day: "${text}"` };
    const zone = iso[7];
    const instantMs = zone ? Date.parse(value.replace(' ', 'T')) : null;
    return {
      ok: true,
      order: null,
      value: {
        day,
        minutes: minutesOf(iso[4], iso[5]),
        instantMs: instantMs !== null && Number.isFinite(instantMs) ? instantMs : null,
      },
    };
  }
  const slashed = SLASHED.exec(value);
  if (!slashed) return { ok: false, reason: `not a date: "${text}"` };
  if (format === 'iso') {
    return { ok: false, reason: `"${text}" is not an ISO date (YYYY-MM-DD) as the mapping says` };
  }
  if ((slashed[3] ?? '').length !== 4) {
    return { ok: false, reason: `"${text}" has a two-digit year; write the year in full` };
  }
  const first = Number(slashed[1]);
  const second = Number(slashed[2]);
  let order: 'dmy' | 'mdy';
  if (format) order = format;
  else if (first > 12 && second <= 12) order = 'dmy';
  else if (second > 12 && first <= 12) order = 'mdy';
  else if (first === second) order = 'dmy';
  else {
    return {
      ok: false,
      reason:
        `ambiguous date "${text}" (day/month or month/day?): ` +
        'declare "dateFormat": "dmy" or "mdy" in the mapping',
    };
  }
  const [d, m] = order === 'dmy' ? [first, second] : [second, first];
  const day = validDay(Number(slashed[3]), m, d);
  if (!day) return { ok: false, reason: `not a calendar day: "${text}" (read as ${order})` };
  const evidence = format || first === second ? null : order;
  return {
    ok: true,
    order: evidence,
    value: { day, minutes: minutesOf(slashed[4], slashed[5], slashed[7]), instantMs: null },
  };
}
