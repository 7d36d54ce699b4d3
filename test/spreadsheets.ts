import ExcelJS from 'exceljs';

export const BOM = '\uFEFF';

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, newlines inside quotes) into
 * rows of cells. Small on purpose: the tests read back what the exporter wrote.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (isQuoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        isQuoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      isQuoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The rows of a CSV export as records keyed by header, after checking the byte-order mark. */
export function csvRecords(body: string): Record<string, string>[] {
  if (!body.startsWith(BOM)) throw new Error('CSV export lacks the UTF-8 byte-order mark');
  const [headers = [], ...rows] = parseCsv(body.slice(BOM.length));
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
}

export interface XlsxSheet {
  name: string;
  isRightToLeft: boolean;
  headers: string[];
  rows: ExcelJS.CellValue[][];
  /** Cells whose type is Formula: an export must have none. */
  formulaCount: number;
  /** Number formats of the cells, by header, of the first data row. */
  numberFormats: Record<string, string>;
}

/** Opens an XLSX export with ExcelJS and reads its first sheet. */
export async function readXlsx(buffer: Buffer): Promise<XlsxSheet> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's types predate Node's generic Buffer.
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  const valuesOf = (row: ExcelJS.Row) =>
    Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value);
  const headers = valuesOf(sheet.getRow(1)).map(String);
  const rows: ExcelJS.CellValue[][] = [];
  let formulaCount = 0;
  const numberFormats: Record<string, string> = {};
  sheet.eachRow((row, number) => {
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) formulaCount += 1;
    });
    if (number === 1) return;
    if (number === 2) {
      headers.forEach((h, i) => {
        numberFormats[h] = row.getCell(i + 1).numFmt;
      });
    }
    rows.push(valuesOf(row));
  });
  return {
    name: sheet.name,
    isRightToLeft: sheet.views[0]?.rightToLeft === true,
    headers,
    rows,
    formulaCount,
    numberFormats,
  };
}

/** XLSX rows as records keyed by header. */
export function xlsxRecords(sheet: XlsxSheet): Record<string, ExcelJS.CellValue>[] {
  return sheet.rows.map((row) => Object.fromEntries(sheet.headers.map((h, i) => [h, row[i]])));
}
