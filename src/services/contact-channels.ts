import type { Insertable, Selectable } from 'kysely';
import { newId } from '../db/id.js';
import type { ContactChannelTable } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';

export type ChannelKind = ContactChannelTable['kind'];
export type ChannelRow = Selectable<ContactChannelTable>;

/** An email address or phone number as a person typed it, with an optional label ("work"). */
export interface ChannelInput {
  value: string;
  label?: string | null | undefined;
}

export interface ChannelView {
  value: string;
  normalized: string;
  label: string | null;
}

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

/** Refuses implausible phone numbers for callers that skip the HTTP schema (CLI, imports). */
export function assertPlausiblePhones(phones: ChannelInput[]): void {
  const details = phones.flatMap((phone, index) =>
    isPlausiblePhone(phone.value)
      ? []
      : [
          {
            path: ['phones', index, 'value'],
            message: 'Not a phone number',
            code: 'invalid_phone',
          },
        ],
  );
  if (details.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid phone', details);
}

const NORMALIZERS: Record<ChannelKind, (value: string) => string> = {
  email: normalizeEmail,
  phone: normalizePhone,
};

/**
 * The rows of one kind of channel, in the order given; a repeated address (same normalised
 * value) is kept once, with its first label.
 */
export function toChannelRows(
  workspaceId: string,
  contactId: string,
  kind: ChannelKind,
  inputs: ChannelInput[],
): Insertable<ContactChannelTable>[] {
  const seen = new Set<string>();
  const rows: Insertable<ContactChannelTable>[] = [];
  for (const input of inputs) {
    const normalized = NORMALIZERS[kind](input.value);
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    rows.push({
      id: newId(),
      workspace_id: workspaceId,
      contact_id: contactId,
      kind,
      value: input.value.trim(),
      normalized,
      label: input.label?.trim() || null,
      position: rows.length,
    });
  }
  return rows;
}

export function toChannelView(row: ChannelRow): ChannelView {
  return { value: row.value, normalized: row.normalized, label: row.label };
}
