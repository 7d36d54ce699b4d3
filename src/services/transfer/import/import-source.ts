import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DomainError } from '../../../domain/errors.js';
import { csvRows } from './csv-rows.js';
import {
  type ByteSource,
  byteStream,
  counting,
  type ImportSource,
  type RowSource,
  type SourceOptions,
  sourceLabel,
} from './source-row.js';
import { xlsxRows } from './xlsx-rows.js';

const PEEK_BYTES = 64 * 1024;

async function peek(source: ByteSource): Promise<Buffer> {
  if ('data' in source) return source.data.subarray(0, PEEK_BYTES);
  const handle = await open(source.path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new DomainError('VALIDATION_FAILED', `Cannot read ${source.path}: ${error.code ?? ''}`, [
      { path: [source.path], message: error.message },
    ]);
  });
  try {
    const buffer = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PEEK_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isZip(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}

/** Opens a CSV or XLSX file and reads its header row; data rows stream from `rows`. */
export async function openRowSource(
  source: ImportSource,
  options: SourceOptions = {},
): Promise<RowSource> {
  if ('open' in source) return source.open();
  const head = await peek(source);
  const name = sourceLabel(source);
  const totalBytes = 'data' in source ? source.data.length : (await stat(source.path)).size;
  const counter = { bytes: 0 };
  const isXlsx = extname(name).toLowerCase() === '.xlsx' || isZip(head);
  const iterator = isXlsx
    ? xlsxRows(byteStream(source).pipe(counting(counter)), name, options.sheet)
    : csvRows(source, head, options, counter);
  const close = () => void iterator.rows.return(undefined).catch(() => undefined);
  try {
    const first = await iterator.rows.next();
    const headers = first.done ? [] : first.value.cells.map((h) => h.trim());
    if (headers.length === 0 || headers.every((h) => h === '')) {
      throw new DomainError('VALIDATION_FAILED', `${name}: the file has no header row`, [
        {
          path: [name, 'row 1'],
          message: 'Expected column names in the first row',
          code: 'no_header',
        },
      ]);
    }
    return {
      format: isXlsx ? 'xlsx' : 'csv',
      delimiter: iterator.delimiter,
      sheet: iterator.sheet(),
      headers,
      rows: { [Symbol.asyncIterator]: () => iterator.rows },
      totalBytes,
      bytesRead: () => counter.bytes,
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
