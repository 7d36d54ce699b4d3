import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { DomainError } from '../../../domain/errors.js';
import type { ImportEncoding } from '../../../domain/import/import-mapping.js';
import {
  byteStream,
  counting,
  type ByteSource,
  type RowIterator,
  type SourceOptions,
  type SourceRow,
  sourceLabel,
} from './source-row.js';

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV file: whichever of , ; tab | appears most often outside quotes in the
 * header line (a comma when none does).
 * @example detectDelimiter('Name;Amount;Stage') === ';'
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let isQuoted = false;
  for (const char of headerLine) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The declared encoding, else UTF-16 when the file starts with its byte-order mark (Excel's
 * "Unicode text"), else UTF-8.
 */
function encodingOf(head: Buffer, declared: ImportEncoding | undefined): ImportEncoding {
  if (declared) return declared;
  return head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : 'utf-8';
}

/** The iconv-lite name of an encoding other than UTF-8. */
const ICONV_NAMES = {
  'windows-1256': 'win1256',
  'windows-1252': 'win1252',
  'utf-16le': 'utf-16le',
} as const;

function decode(bytes: Buffer, encoding: ImportEncoding): string {
  if (encoding === 'utf-8') return bytes.toString('utf8').replace(/^\uFEFF/, '');
  return iconv.decode(bytes, ICONV_NAMES[encoding]);
}

function notUtf8(name: string, where: string[]): DomainError {
  return new DomainError('VALIDATION_FAILED', `${name} is not UTF-8 text`, [
    {
      path: [name, ...where],
      message:
        'Bytes that are not UTF-8: if Excel saved it on Arabic Windows, declare ' +
        '"encoding": "windows-1256" (CLI: --encoding windows-1256)',
      code: 'encoding',
    },
  ]);
}

const QUEUE_HIGH = 1000;
const QUEUE_LOW = 100;

/**
 * A parser's records, then its error if it fails: unlike a stream's own iterator, records
 * parsed before a failure (an unclosed quote found at the end) are all read first, so the
 * error is placed after the last good row. Pauses the parser while the reader is behind.
 */
async function* recordsInOrder(parser: Readable): AsyncGenerator<string[]> {
  const queue: string[][] = [];
  const state: { failure: Error | null; isEnded: boolean; wake: (() => void) | null } = {
    failure: null,
    isEnded: false,
    wake: null,
  };
  const notify = () => {
    state.wake?.();
    state.wake = null;
  };
  parser.on('data', (record: string[]) => {
    queue.push(record);
    if (queue.length >= QUEUE_HIGH) parser.pause();
    notify();
  });
  const finish = () => {
    state.isEnded = true;
    notify();
  };
  parser.on('end', finish);
  parser.on('close', finish);
  parser.on('error', (error: Error) => {
    state.failure = error;
    notify();
  });
  for (;;) {
    const record = queue.shift();
    if (record) {
      if (queue.length < QUEUE_LOW && parser.isPaused() && !state.failure) parser.resume();
      yield record;
      continue;
    }
    if (state.failure) throw state.failure;
    if (state.isEnded) return;
    await new Promise<void>((resolve) => {
      state.wake = resolve;
    });
  }
}

/** Line breaks inside the cells of one record (quoted cells may hold them). */
function lineBreaksIn(cells: string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (!cell.includes('\n') && !cell.includes('\r')) continue;
    count += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return count;
}

/** Reads a CSV file's records, decoded, with their row and line numbers. */
export function csvRows(
  source: ByteSource,
  head: Buffer,
  options: SourceOptions,
  counter: { bytes: number },
): RowIterator {
  const name = sourceLabel(source);
  const encoding = encodingOf(head, options.encoding);
  const text = decode(head, encoding);
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (encoding === 'utf-8' && text.slice(0, Math.max(0, text.length - 4)).includes('\uFFFD')) {
    throw notUtf8(name, []);
  }
  const delimiter = options.delimiter ?? detectDelimiter(headerLine);
  // Empty lines are kept (as rows of one empty cell, skipped later) so that row numbers stay
  // those a spreadsheet shows.
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
  const bytes = byteStream(source);
  const counted = bytes.pipe(counting(counter));
  const decoded: NodeJS.ReadableStream =
    encoding === 'utf-8' ? counted : counted.pipe(iconv.decodeStream(ICONV_NAMES[encoding]));
  decoded.pipe(parser);
  const fail = (error: Error) => parser.destroy(error);
  bytes.on('error', fail);
  decoded.on('error', fail);
  async function* rows(): AsyncGenerator<SourceRow> {
    let number = 0;
    let line = 1;
    try {
      for await (const record of recordsInOrder(parser)) {
        number += 1;
        if (encoding === 'utf-8' && record.some((cell) => cell.includes('\uFFFD'))) {
          throw notUtf8(name, [`line ${line}`]);
        }
        yield { number, line, cells: record };
        line += 1 + lineBreaksIn(record);
      }
    } catch (error) {
      if (error instanceof CsvError) {
        throw new DomainError('VALIDATION_FAILED', `${name}: ${error.message}`, [
          { path: [name, `line ${line}`], message: error.message, code: error.code },
        ]);
      }
      throw error;
    } finally {
      bytes.destroy();
      parser.destroy();
    }
  }
  return { rows: rows(), delimiter, sheet: () => null };
}
