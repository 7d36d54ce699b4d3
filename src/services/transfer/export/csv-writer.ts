import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { formatMinorUnits } from '../../../domain/decimal-amount.js';
import { currencyExponent } from '../../../domain/money.js';
import { neutralizeSpreadsheetText } from '../../../domain/spreadsheet-cell.js';
import { isMoney, type Sheet, type SheetValue } from './sheet.js';

/** A cell as CSV text: amounts as exact decimals, text neutralised against formulas. */
function csvCell(value: SheetValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (isMoney(value)) return formatMinorUnits(value.minor, currencyExponent(value.currency));
  return neutralizeSpreadsheetText(value);
}

async function* csvRecords(sheet: Sheet): AsyncGenerator<string[]> {
  yield sheet.headers.map(neutralizeSpreadsheetText);
  for await (const row of sheet.rows) yield row.map(csvCell);
}

/**
 * Writes the sheet as RFC 4180 CSV in UTF-8 with a byte-order mark, which is what makes Excel
 * read Arabic as Arabic rather than as Latin-1 mojibake. Rows stream through with back-pressure:
 * a slow reader pauses the database paging instead of filling memory. Ends `out`.
 */
export async function writeCsv(sheet: Sheet, out: Writable): Promise<void> {
  await pipeline(
    Readable.from(csvRecords(sheet)),
    stringify({ bom: true, record_delimiter: 'windows' }),
    out,
  );
}
