import { countryCodeOf, sizeBandOf, suggestSector } from '../../../domain/import/company-facts.js';
import { companyMatchKey } from '../../../domain/import/match-key.js';
import {
  type CompanyDirectory,
  type CompanyEntry,
  type CompanyFields,
  domainOf,
} from './company-directory.js';
import type { ImportedCustomFields, RowCustomValues } from './custom-field-import.js';
import type { ImportRow } from './import-columns.js';
import { type ImportRun, RowRejected } from './import-run.js';
import type { KindImporter } from './kind-importer.js';
import type { MemberDirectory } from './member-directory.js';

interface CompanyDraft {
  row: ImportRow;
  fields: CompanyFields;
  externalId: string | null;
  customValues: RowCustomValues;
}

/** Reads a country cell as an ISO code; an unknown name is reported with its look-alike. */
export function countryOf(run: ImportRun, row: ImportRow, field: string): string | null {
  const text = row.get(field);
  if (text === null) return null;
  const match = countryCodeOf(text);
  if (match.code !== null) return match.code;
  if (match.suggestion) {
    run.report.suggest({
      row: row.number,
      column: row.column(field),
      value: text,
      similarTo: match.suggestion,
      reason: 'Not a country name this importer knows; map it in "values" to keep it',
    });
  }
  run.report.warn(
    'country_unknown',
    'Country names that were not recognised were left empty',
    row.number,
  );
  return null;
}

/** Reports a sector that looks like a misspelt common one ("technolgy"); keeps it as written. */
export function checkSector(run: ImportRun, row: ImportRow, sector: string | null): void {
  if (sector === null) return;
  const suggestion = suggestSector(sector);
  if (!suggestion) return;
  run.report.suggest({
    row: row.number,
    column: row.column('sector'),
    value: sector,
    similarTo: suggestion,
    reason: 'Looks like a misspelling; imported as written. Map it in "values" to correct it',
  });
}

function sizeOf(row: ImportRow): string | null {
  const size = row.get('size');
  if (size !== null) return size;
  const employees = row.get('employees');
  if (employees === null) return null;
  const count = Number(employees.replace(/[,\s]/g, ''));
  if (!Number.isInteger(count) || count < 0) {
    throw new RowRejected('employees', `not a number of employees: "${employees}"`);
  }
  return sizeBandOf(count);
}

/** Companies: matched by external id, then web domain, then folded name; else created. */
export function companyImporter(
  run: ImportRun,
  companies: CompanyDirectory,
  members: MemberDirectory,
  customFields: ImportedCustomFields,
): KindImporter {
  let queue: CompanyDraft[] = [];
  return {
    accept(row) {
      const name = run.required(row, 'name', 'the company name');
      if (companyMatchKey(name) === '')
        throw new RowRejected('name', `not a company name: "${name}"`);
      const customValues = customFields.read(row);
      const sector = row.get('sector');
      checkSector(run, row, sector);
      queue.push({
        row,
        customValues,
        externalId: row.get('externalId'),
        fields: {
          name,
          domain: domainOf(row, 'domain'),
          sector,
          size: sizeOf(row),
          country: countryOf(run, row, 'country'),
          ownerId: row.has('owner') ? members.resolveOwner(run, row) : run.actor.userId,
        },
      });
    },
    async flush() {
      const batch = queue;
      queue = [];
      const refs = await run.existingRecords(
        'company',
        batch.flatMap((d) => (d.externalId ? [d.externalId] : [])),
      );
      // Matched companies are counted once their custom values are compared too.
      const matched: { draft: CompanyDraft; entry: CompanyEntry; isChanged: boolean }[] = [];
      for (const draft of batch) {
        const byRef = draft.externalId ? refs.get(draft.externalId) : undefined;
        if (byRef && !companies.byId(byRef)) {
          run.skipDeleted(draft.row, 'Companies');
          continue;
        }
        const existing =
          (byRef ? companies.byId(byRef) : undefined) ??
          companies.find(draft.fields.name, draft.fields.domain);
        if (existing) {
          if (existing.createdAtRow !== null && !byRef) {
            run.report.warn(
              'duplicate_in_file',
              'Rows naming a company an earlier row of the file already named were merged into it',
              draft.row.number,
            );
          }
          // A match by name keeps the existing name; an external id may rename.
          const fields = byRef ? draft.fields : { ...draft.fields, name: existing.name };
          if (!draft.row.has('owner')) delete (fields as Partial<CompanyFields>).ownerId;
          matched.push({ draft, entry: existing, isChanged: companies.update(existing, fields) });
          if (draft.externalId && !byRef)
            run.addExternalRef('company', draft.externalId, existing.id);
          continue;
        }
        if (customFields.rejectsMissingRequired(draft.row, draft.customValues)) continue;
        companies.suggestNear(run, draft.row, 'name', draft.fields.name);
        const entry = companies.create(run, draft.row, draft.fields);
        customFields.stage(entry.id, draft.customValues);
        run.report.report.rows.created += 1;
        if (draft.externalId) run.addExternalRef('company', draft.externalId, entry.id);
      }
      const changed = await customFields.changedRecords(
        matched.map((m) => ({ id: m.entry.id, values: m.draft.customValues })),
      );
      for (const { draft, entry, isChanged } of matched) {
        const isValueChanged = changed.has(entry.id);
        if (isValueChanged) {
          customFields.stage(entry.id, draft.customValues);
          if (!isChanged) companies.touch(entry);
        }
        run.report.report.rows[isChanged || isValueChanged ? 'updated' : 'skipped'] += 1;
      }
      await companies.write(run);
      await customFields.write();
      await run.writeExternalRefs();
    },
  };
}
