import type { Insertable, Selectable } from 'kysely';
import { newId } from '../../db/id.js';
import type { ContactChannelTable } from '../../db/schema.js';
import { isPlausiblePhone, normalizeEmail, normalizePhone } from '../../domain/contact-channel.js';
import { DomainError } from '../../domain/errors.js';

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
