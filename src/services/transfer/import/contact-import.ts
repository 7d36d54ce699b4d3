import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { CONTACT_ROLES, type ContactRole } from '../../records/contact.service.js';
import {
  isPlausiblePhone,
  normalizeEmail,
  normalizePhone,
} from '../../../domain/contact-channel.js';
import type { CompanyDirectory } from './company-directory.js';
import type {
  ContactChannel,
  ContactDirectory,
  ContactEntry,
  ContactFields,
} from './contact-directory.js';
import type { ImportedCustomFields, RowCustomValues } from './custom-field-import.js';
import type { ImportRow } from './import-columns.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { type ImportRun, RowRejected } from './import-run.js';
import type { KindImporter } from './kind-importer.js';
import type { MemberDirectory } from './member-directory.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Cells may hold several addresses: "a@x.com; b@y.com". */
function splitList(text: string | null): string[] {
  return text === null
    ? []
    : text
        .split(/[;,\n]+/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

export function emailChannels(row: ImportRow): ContactChannel[] {
  return splitList(row.get('email')).map((value) => {
    const normalized = normalizeEmail(value);
    if (!EMAIL.test(normalized)) throw new RowRejected('email', `not an email address: "${value}"`);
    return { kind: 'email', value: normalized, normalized };
  });
}

/**
 * Phone numbers in E.164 (+966501234567) when they carry a country code or the mapping names a
 * default country; otherwise kept as digits, with a warning.
 * @example '050 123 4567' with defaultCountry SA → '+966501234567'
 */
export function phoneChannels(run: ImportRun, row: ImportRow): ContactChannel[] {
  const country = run.options.defaultCountry as CountryCode | undefined;
  return splitList(row.get('phone')).map((value) => {
    const digits = normalizePhone(value);
    const parsed = parsePhoneNumberFromString(digits, country);
    if (parsed?.isValid())
      return { kind: 'phone', value: parsed.number, normalized: parsed.number };
    if (country || digits.startsWith('+') || !isPlausiblePhone(value)) {
      throw new RowRejected(
        'phone',
        `not a phone number${country ? ` in ${country}` : ''}: "${value}"`,
      );
    }
    run.report.warn(
      'phone_without_country',
      'Phone numbers without a country code were kept as digits: set "defaultCountry" for E.164',
      row.number,
    );
    return { kind: 'phone', value: value.trim(), normalized: digits };
  });
}

function roleOf(row: ImportRow): ContactRole | null {
  const text = row.get('role');
  if (text === null) return null;
  const role = CONTACT_ROLES.find((r) => headerKey(r) === headerKey(text));
  if (!role) {
    throw new RowRejected('role', `unknown role "${text}" (roles: ${CONTACT_ROLES.join(', ')})`);
  }
  return role;
}

function nameOf(row: ImportRow, emails: ContactChannel[]): string {
  const name =
    row.get('name') ??
    ([row.get('firstName'), row.get('lastName')].filter(Boolean).join(' ') || null);
  if (name) return name;
  const email = emails[0];
  if (email) return email.value.split('@')[0] ?? email.value;
  throw new RowRejected(
    row.has('name') ? 'name' : 'firstName',
    'the contact has no name and no email',
  );
}

/** Contacts: matched by external id, then any email or phone; a same-name contact is a suggestion. */
export function contactImporter(
  run: ImportRun,
  contacts: ContactDirectory,
  companies: CompanyDirectory,
  members: MemberDirectory,
  customFields: ImportedCustomFields,
): KindImporter {
  type Draft = {
    row: ImportRow;
    fields: ContactFields;
    channels: ContactChannel[];
    externalId: string | null;
    customValues: RowCustomValues;
  };
  let queue: Draft[] = [];
  return {
    accept(row) {
      const emails = emailChannels(row);
      const channels = [...emails, ...phoneChannels(run, row)];
      const name = nameOf(row, emails);
      const role = roleOf(row) ?? 'other';
      const customValues = customFields.read(row);
      const ownerId = row.has('owner') ? members.resolveOwner(run, row) : run.actor.userId;
      // Last: a row rejected by the checks above makes no company.
      const companyId = companies.resolveOrCreate(run, row, 'company');
      queue.push({
        row,
        channels,
        customValues,
        externalId: row.get('externalId'),
        fields: { name, jobTitle: row.get('jobTitle'), companyId, role, ownerId },
      });
    },
    async flush() {
      const batch = queue;
      queue = [];
      const refs = await run.existingRecords(
        'contact',
        batch.flatMap((d) => (d.externalId ? [d.externalId] : [])),
      );
      const matched: { draft: Draft; entry: ContactEntry; isChanged: boolean }[] = [];
      for (const draft of batch) {
        const byRef = draft.externalId ? refs.get(draft.externalId) : undefined;
        if (byRef && !contacts.byId(byRef)) {
          run.skipDeleted(draft.row, 'Contacts');
          continue;
        }
        const existing =
          (byRef ? contacts.byId(byRef) : undefined) ?? contacts.findByChannels(draft.channels);
        if (existing) {
          const fields: Partial<ContactFields> = { ...draft.fields };
          if (!byRef) delete fields.name;
          if (!draft.row.has('role')) delete fields.role;
          if (!draft.row.has('owner')) delete fields.ownerId;
          const isChanged = contacts.update(existing, fields, draft.channels);
          matched.push({ draft, entry: existing, isChanged });
          if (draft.externalId && !byRef)
            run.addExternalRef('contact', draft.externalId, existing.id);
          continue;
        }
        if (customFields.rejectsMissingRequired(draft.row, draft.customValues)) continue;
        const sameName = contacts.findByName(draft.fields.name);
        if (sameName) {
          run.report.suggest({
            row: draft.row.number,
            column: draft.row.column('name') ?? draft.row.column('firstName'),
            value: draft.fields.name,
            similarTo: `${sameName.name}${sameName.channels[0] ? ` <${sameName.channels[0].value}>` : ''}`,
            reason:
              'A contact with the same name and no shared email or phone exists; created apart',
          });
        }
        const entry = contacts.create(run, draft.row.number, draft.fields, draft.channels);
        customFields.stage(entry.id, draft.customValues);
        run.report.report.rows.created += 1;
        if (draft.externalId) run.addExternalRef('contact', draft.externalId, entry.id);
      }
      const changed = await customFields.changedRecords(
        matched.map((m) => ({ id: m.entry.id, values: m.draft.customValues })),
      );
      for (const { draft, entry, isChanged } of matched) {
        const isValueChanged = changed.has(entry.id);
        if (isValueChanged) {
          customFields.stage(entry.id, draft.customValues);
          if (!isChanged) contacts.touch(entry);
        }
        run.report.report.rows[isChanged || isValueChanged ? 'updated' : 'skipped'] += 1;
      }
      await companies.write(run);
      await contacts.write(run);
      await customFields.write();
      await run.writeExternalRefs();
    },
  };
}
