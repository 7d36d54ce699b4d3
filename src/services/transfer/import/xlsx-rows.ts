import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../../../domain/errors.js';
import type { RowIterator, SourceRow } from './source-row.js';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // 15 significant digits drop binary noise (0.1 + 0.2) without changing any typed number.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    // Excel dates have no zone; ExcelJS reads them as UTC. A bare day stays a bare day.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
    };
    if (cell.richText) return cell.richText.map((r) => r.text).join('');
    if (cell.text !== undefined) return cellText(cell.text);
    if ('result' in cell) return cellText(cell.result);
    if (cell.error) return cell.error;
  }
  return '';
}

/** Reads an XLSX workbook's rows, streaming, from the wanted sheet (default: the first). */
export function xlsxRows(
  stream: Readable,
  name: string,
  wantedSheet: string | undefined,
): RowIterator {
  let chosen: string | null = null;
  async function* rows(): AsyncGenerator<SourceRow> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    const seen: string[] = [];
    try {
      for await (const worksheet of reader) {
        const sheetName = (worksheet as unknown as { name: string }).name;
        seen.push(sheetName);
        const isWanted = wantedSheet === undefined || sheetName === wantedSheet;
        for await (const row of worksheet) {
          if (!isWanted) continue;
          const values = Array.isArray(row.values) ? row.values.slice(1) : [];
          const cells = Array.from(values, (v) => cellText(v));
          if (cells.every((c) => c.trim() === '')) continue;
          chosen = sheetName;
          yield { number: row.number, line: null, cells };
        }
        if (isWanted) return;
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('VALIDATION_FAILED', `${name} is not a readable XLSX workbook`, [
        { path: [name], message: error instanceof Error ? error.message : String(error) },
      ]);
    } finally {
      stream.destroy();
    }
    if (wantedSheet !== undefined) {
      throw new DomainError('VALIDATION_FAILED', `${name} has no sheet "${wantedSheet}"`, [
        { path: [name, 'sheet'], message: `Sheets: ${seen.join(', ') || 'none'}` },
      ]);
    }
  }
  return { rows: rows(), delimiter: null, sheet: () => chosen };
}
