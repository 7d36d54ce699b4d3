import { describe, expect, it } from 'vitest';
import { parseImportDate } from './import-date.js';

function dayOf(text: string, format: 'iso' | 'dmy' | 'mdy' | null = null) {
  const parsed = parseImportDate(text, format);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.day;
}

describe('parseImportDate', () => {
  it('reads ISO days and times, with or without a zone', () => {
    expect(parseImportDate('2026-03-04', null)).toEqual({
      ok: true,
      order: null,
      value: { day: '2026-03-04', minutes: null, instantMs: null },
    });
    expect(parseImportDate('2026-03-04 16:30:00', null)).toMatchObject({
      value: { day: '2026-03-04', minutes: 16 * 60 + 30, instantMs: null },
    });
    expect(parseImportDate('2026-03-04T13:30:00Z', null)).toMatchObject({
      value: { instantMs: Date.parse('2026-03-04T13:30:00Z') },
    });
    expect(parseImportDate('2026-03-04T16:30:00+03:00', null)).toMatchObject({
      value: { instantMs: Date.parse('2026-03-04T13:30:00Z') },
    });
  });

  it('reads a slashed date without a declaration only when it cannot be misread', () => {
    expect(parseImportDate('13/04/2026', null)).toMatchObject({
      ok: true,
      order: 'dmy',
      value: { day: '2026-04-13' },
    });
    expect(parseImportDate('04/13/2026', null)).toMatchObject({
      ok: true,
      order: 'mdy',
      value: { day: '2026-04-13' },
    });
    expect(dayOf('04/04/2026')).toBe('2026-04-04');
  });

  it('rejects an ambiguous date unless the mapping declares the order, never guessing', () => {
    const parsed = parseImportDate('03/04/2026', null);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toMatch(/ambiguous.*"dateFormat": "dmy" or "mdy"/);
    expect(dayOf('03/04/2026', 'dmy')).toBe('2026-04-03');
    expect(dayOf('03/04/2026', 'mdy')).toBe('2026-03-04');
    expect(dayOf('03.04.2026', 'dmy')).toBe('2026-04-03');
    expect(dayOf('03-04-2026 2:05 PM', 'mdy')).toBe('2026-03-04');
  });

  it('reads Arabic-Indic digits and drops direction marks', () => {
    expect(dayOf('\u200f١٥/٠١/٢٠٢٦', 'dmy')).toBe('2026-01-15');
    expect(dayOf('۲۰۲۶-۰۱-۱۵')).toBe('2026-01-15');
  });

  it('refuses days that do not exist, two-digit years and text', () => {
    expect(parseImportDate('2026-02-30', null).ok).toBe(false);
    expect(parseImportDate('31/04/2026', 'dmy').ok).toBe(false);
    expect(parseImportDate('03/04/26', 'dmy')).toMatchObject({
      ok: false,
      reason: /two-digit year/,
    });
    expect(parseImportDate('next week', null)).toMatchObject({ ok: false, reason: /not a date/ });
    expect(parseImportDate('13/04/2026', 'iso')).toMatchObject({ ok: false, reason: /ISO/ });
  });

  it('keeps the time of a day-first date with a 12-hour clock', () => {
    expect(parseImportDate('15/01/2026 12:10 AM', 'dmy')).toMatchObject({
      value: { day: '2026-01-15', minutes: 10 },
    });
    expect(parseImportDate('15/01/2026 1:10 pm', 'dmy')).toMatchObject({
      value: { minutes: 13 * 60 + 10 },
    });
  });
});
