import { currencyExponent } from '../../domain/money.js';
import type { ImportReport, Rejection } from '../../domain/import/import-report.js';
import type { MigrationReport } from '../../services/transfer/migrate/migration.service.js';

const number = (n: number) => n.toLocaleString('en');

function money(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const major = minor / 10 ** exponent;
  return `${major.toLocaleString('en', { minimumFractionDigits: exponent })} ${currency}`;
}

function outcome(report: ImportReport): string {
  if (report.dryRun) return 'dry run: nothing written';
  if (report.committed) return 'imported';
  return 'refused: nothing written (fix the rejected rows, or use --valid-only)';
}

/**
 * A column's letters as a spreadsheet names it.
 * @example columnLetters(1) === 'A'; columnLetters(28) === 'AB'
 */
export function columnLetters(position: number): string {
  let letters = '';
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Where a rejection is, so an editor or a spreadsheet finds it. */
function placeOf(report: ImportReport, r: Rejection): string {
  const column =
    r.column === null
      ? 'whole row'
      : report.format === 'xlsx' && r.columnNumber !== null
        ? `column ${columnLetters(r.columnNumber)} "${r.column}"`
        : `column ${r.columnNumber ?? '?'} "${r.column}"`;
  if (report.format === 'xlsx') {
    const sheet = report.sheet === null ? '' : `sheet "${report.sheet}" `;
    return `${report.file}: ${sheet}row ${r.row}, ${column}`;
  }
  const row = r.line !== null && r.line !== r.row ? ` (row ${r.row})` : '';
  return `${report.file}:${r.line ?? r.row}:${row} ${column}`;
}

/**
 * One line per rejection, as compilers write them: `deals.csv:7: column 2 "Amount" ("12x"):
 * not an amount` (CSV: file, line, column; XLSX: sheet, row and column letter).
 */
export function rejectionLines(report: ImportReport, limit: number): string[] {
  const lines = report.rejections
    .slice(0, limit)
    .map((r) => `${placeOf(report, r)}${r.value === null ? '' : ` ("${r.value}")`}: ${r.reason}`);
  const more = report.rows.rejected - lines.length;
  if (more > 0) lines.push(`${report.file}: … and ${number(more)} more rejected rows`);
  return lines;
}

/** The report of one file for a person at a terminal. */
export function formatImportSummary(report: ImportReport): string[] {
  const { rows } = report;
  const format =
    report.format === 'csv'
      ? `CSV, delimiter ${JSON.stringify(report.delimiter)}`
      : `XLSX, sheet ${JSON.stringify(report.sheet)}`;
  const lines = [
    `${report.kind} ← ${report.file} (${format}, preset ${report.preset}): ${outcome(report)}`,
    `  rows: ${number(rows.total)} — created ${number(rows.created)}, updated ${number(rows.updated)}, ` +
      `skipped ${number(rows.skipped)}, rejected ${number(rows.rejected)}`,
  ];
  const also = Object.entries(report.alsoCreated);
  if (also.length > 0) {
    lines.push(`  also created: ${also.map(([what, n]) => `${number(n)} ${what}`).join(', ')}`);
  }
  const ignored = report.columns.filter((c) => c.field === null).map((c) => c.column);
  if (ignored.length > 0) lines.push(`  columns not imported: ${ignored.join(', ')}`);
  for (const use of report.customFields) {
    lines.push(`  custom field ${use.key} ← ${use.column}: ${number(use.values)} values`);
  }
  for (const use of report.valueMaps) {
    lines.push(`  value map: ${use.field} "${use.from}" → "${use.to}" × ${number(use.count)}`);
  }
  for (const warning of report.warnings) {
    const more = warning.count > warning.rows.length ? ', …' : '';
    lines.push(
      `  note: ${number(warning.count)} × ${warning.message} (rows ${warning.rows.join(', ')}${more})`,
    );
  }
  for (const s of report.suggestions) {
    lines.push(
      `  suggestion: row ${s.row}, ${s.column ?? 'row'}: "${s.value}" looks like "${s.similarTo}" — ${s.reason}`,
    );
  }
  const check = report.valueCheck;
  if (check) {
    lines.push(
      `  value check (tolerance ${Math.round(check.tolerance * 100)}%): ${number(check.checked)} ` +
        `deals checked against their products' list prices, ${number(check.flagged)} to verify`,
    );
    for (const e of check.examples.slice(0, 5)) {
      lines.push(
        `    row ${e.row}: amount ${money(e.amount, e.currency)}, items ${money(e.itemsTotal, e.currency)}`,
      );
    }
  }
  lines.push(
    `  time: ${(report.timings.ms / 1000).toFixed(1)} s (${number(report.timings.rowsPerSecond)} rows/s)`,
  );
  return lines;
}

/** A migration's report for a person at a terminal: what it did beyond each file's report. */
export function formatMigrationSummary(report: MigrationReport): string[] {
  const refused = report.files.some((f) => f.rows.rejected > 0);
  const outcomeText = report.dryRun
    ? refused
      ? 'dry run: it would be refused (rows below are rejected); nothing written'
      : 'dry run: nothing written'
    : report.committed
      ? 'imported'
      : 'refused: nothing written (fix the rejected rows, or map their values with --mapping)';
  const lines = [`${report.source} export ${report.folder}: ${outcomeText}`];
  for (const p of report.pipelines) {
    lines.push(
      `  pipeline ${p.name} (${p.created ? 'created' : 'already there'}): ${p.stages.join(' → ')}`,
    );
  }
  for (const file of report.files) lines.push(...formatImportSummary(file).map((l) => `  ${l}`));
  const { dealContacts: contacts, dealItems: items } = report;
  if (contacts.linked + contacts.alreadyLinked > 0) {
    lines.push(
      `  deal contacts: ${number(contacts.linked)} linked, ${number(contacts.alreadyLinked)} already linked`,
    );
  }
  if (items.added + items.dealsWithItems + items.unreadable > 0) {
    lines.push(
      `  line items: ${number(items.added)} added, ${number(items.dealsWithItems)} deals already had theirs` +
        (items.unreadable > 0
          ? `, ${number(items.unreadable)} prices not exact in the deal's currency`
          : ''),
    );
  }
  for (const note of report.notes) lines.push(`  note: ${number(note.count)} × ${note.message}`);
  for (const miss of report.likelyMisses) {
    lines.push(
      `  likely miss: ${miss.file} column "${miss.column}" looks like ${miss.field} (map it with --mapping)`,
    );
  }
  if (report.notRead.length > 0) lines.push(`  files not read: ${report.notRead.join(', ')}`);
  return lines;
}
