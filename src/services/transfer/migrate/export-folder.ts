import { open, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DomainError } from '../../../domain/errors.js';
import type { ImportEncoding } from '../../../domain/import/import-mapping.js';
import { openRowSource } from '../import/import-source.js';
import type { ImportSource, RowSource, SourceRow } from '../import/source-row.js';

/**
 * Another CRM's export as a folder of CSV files: finding its files, telling their encoding,
 * reading the small ones whole (for the joins: an account's name by its id) and handing the
 * big ones on as prepared rows, each cell cleaned the way that CRM's exports need.
 */

/** One CSV file of the folder and the encoding its bytes are in. */
export interface ExportFile {
  /** As the folder names it, e.g. `Opportunity.csv`. */
  name: string;
  path: string;
  encoding: ImportEncoding;
}

/** A row read whole: its cells by header, and where it is in the file. */
export interface TableRow {
  number: number;
  line: number | null;
  get: (header: string) => string | null;
}

const PEEK = 1 << 20;

/**
 * UTF-8 when the bytes are UTF-8 (with or without a byte-order mark), else Windows-1252: what
 * Salesforce writes for orgs on ISO-8859-1 and what Excel on a Western Windows saves.
 */
async function detectEncoding(path: string): Promise<ImportEncoding> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(PEEK);
    const { bytesRead } = await handle.read(buffer, 0, PEEK, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    // A multi-byte letter cut at the end of the peek is not a sign of another encoding.
    const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, -4));
    return text.includes('\uFFFD') ? 'windows-1252' : 'utf-8';
  } finally {
    await handle.close();
  }
}

/** The CSV files of a folder, by their name folded to lower case. */
export async function listExportFiles(folder: string): Promise<Map<string, ExportFile>> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new DomainError('VALIDATION_FAILED', `${folder} is not a folder`, [
      { path: [folder], message: 'Give the folder the export was unpacked into' },
    ]);
  }
  const files = new Map<string, ExportFile>();
  for (const name of (await readdir(folder)).sort()) {
    if (extname(name).toLowerCase() !== '.csv') continue;
    const path = join(folder, name);
    files.set(name.toLowerCase(), { name, path, encoding: await detectEncoding(path) });
  }
  return files;
}

function accessor(headers: string[], row: SourceRow): (header: string) => string | null {
  return (header) => {
    const index = headers.indexOf(header);
    const text = index < 0 ? '' : (row.cells[index] ?? '').trim();
    return text === '' ? null : text;
  };
}

/** Every row of a (small) file, read whole; a missing file is no rows. */
export async function readTable(
  file: ExportFile | undefined,
): Promise<{ headers: string[]; rows: TableRow[] }> {
  if (!file) return { headers: [], rows: [] };
  const source = await openRowSource({ path: file.path }, { encoding: file.encoding });
  const rows: TableRow[] = [];
  try {
    for await (const row of source.rows) {
      if (row.cells.every((c) => c.trim() === '')) continue;
      rows.push({ number: row.number, line: row.line, get: accessor(source.headers, row) });
    }
  } finally {
    source.close();
  }
  return { headers: source.headers, rows };
}

/** A column a migration adds to a file's rows: its header and how each row's value is found. */
export interface DerivedColumn {
  header: string;
  value: (get: (header: string) => string | null) => string | null;
}

export interface Preparation {
  /** Rewrites a cell (a UTC instant, an amount's float noise); the header says which column. */
  cell?: ((header: string, text: string) => string) | undefined;
  derived?: DerivedColumn[] | undefined;
  /** Rows to leave out (deleted in the other CRM); they are counted. */
  skip?: ((get: (header: string) => string | null) => boolean) | undefined;
  onSkip?: (() => void) | undefined;
}

/**
 * A file's rows as the importer reads them, prepared on the way: cells cleaned, the derived
 * columns appended (their headers after the file's own), rows to leave out left out. Row and
 * line numbers stay the file's, so a rejection points at the file's own line.
 */
export function preparedSource(file: ExportFile, preparation: Preparation): ImportSource {
  return {
    name: file.name,
    open: async (): Promise<RowSource> => {
      const source = await openRowSource({ path: file.path }, { encoding: file.encoding });
      const derived = preparation.derived ?? [];
      const { headers } = source;
      async function* rows(): AsyncGenerator<SourceRow> {
        for await (const row of source.rows) {
          const cells = preparation.cell
            ? row.cells.map((c, i) =>
                c.trim() === '' ? c : (preparation.cell?.(headers[i] ?? '', c.trim()) ?? c),
              )
            : row.cells;
          const cleaned = { ...row, cells };
          const get = accessor(headers, cleaned);
          if (preparation.skip?.(get)) {
            preparation.onSkip?.();
            continue;
          }
          const padded: string[] = [...cells];
          while (padded.length < headers.length) padded.push('');
          yield { ...row, cells: [...padded, ...derived.map((d) => d.value(get) ?? '')] };
        }
      }
      return {
        ...source,
        headers: [...headers, ...derived.map((d) => d.header)],
        rows: { [Symbol.asyncIterator]: rows },
      };
    },
  };
}
