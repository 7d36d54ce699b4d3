import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { currencyExponent } from '../../../domain/money.js';
import { neutralizeSpreadsheetText } from '../../../domain/spreadsheet-cell.js';
import { isMoney, type Sheet, type SheetValue } from './sheet.js';

/** Sheet names may not hold []:*?/\ and have at most 31 characters. */
function sheetNameOf(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** `#,##0.00` for a currency with two minor digits, `#,##0` for none. */
function amountFormat(currency: string): string {
  const digits = currencyExponent(currency);
  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
}

function xlsxCell(value: SheetValue): string | number | null {
  if (value === null || typeof value === 'number') return value;
  if (isMoney(value)) return value.minor / 10 ** currencyExponent(value.currency);
  return neutralizeSpreadsheetText(value);
}

/**
 * Waits until `out` has room again, so a slow reader slows the paging down; stops the export
 * when `out` is gone (a download cancelled), instead of reading the remaining pages for nobody.
 */
async function roomIn(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) {
    await Promise.race([once(out, 'drain'), once(out, 'close')]);
  }
  if (out.destroyed) throw new Error('The export was cancelled: its reader went away');
}

/**
 * Writes the sheet as an XLSX workbook with ExcelJS's streaming writer: each row is committed
 * as soon as it is written, so only a page of rows is ever held. Amounts are numbers formatted
 * with their currency's digits; text cells are neutralised like CSV cells, so a file re-saved
 * as CSV stays safe. Ends `out`.
 */
export async function writeXlsx(sheet: Sheet, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Qanat';
  const worksheet = workbook.addWorksheet(sheetNameOf(sheet.name), {
    views: [{ state: 'frozen', ySplit: 1, rightToLeft: sheet.isRightToLeft }],
  });
  worksheet.columns = sheet.headers.map((header, i) => ({
    header: neutralizeSpreadsheetText(header),
    width: sheet.widths[i] ?? 16,
  }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.getRow(1).commit();
  for await (const values of sheet.rows) {
    const row = worksheet.addRow(values.map(xlsxCell));
    values.forEach((value, i) => {
      if (isMoney(value)) row.getCell(i + 1).numFmt = amountFormat(value.currency);
    });
    row.commit();
    await roomIn(out);
  }
  worksheet.commit();
  await workbook.commit();
}
