/** The rows of an import file, whatever its format, and the streams they are read from. */
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type { ImportEncoding } from '../../../domain/import/import-mapping.js';

/**
 * A file on disk, bytes received over HTTP, or rows another reader prepares (a migration
 * reads another CRM's export folder and hands each file's rows on, joined and cleaned).
 */
export type ImportSource =
  | { path: string }
  | { data: Buffer; name: string }
  | { open: () => Promise<RowSource>; name: string };

export interface SourceRow {
  /** The row number a person sees in a spreadsheet: the header is row 1. */
  number: number;
  /** CSV: the line the row starts on (differs from `number` after a cell holding line breaks). */
  line: number | null;
  cells: string[];
}

export interface RowSource {
  format: 'csv' | 'xlsx';
  /** CSV: the delimiter found in (or declared for) the header line. */
  delimiter: string | null;
  sheet: string | null;
  headers: string[];
  rows: AsyncIterable<SourceRow>;
  totalBytes: number | null;
  bytesRead: () => number;
  /** Stops reading (the file is closed); safe to call more than once. */
  close: () => void;
}

export interface SourceOptions {
  encoding?: ImportEncoding | undefined;
  delimiter?: string | undefined;
  sheet?: string | undefined;
}

/** What a CSV or XLSX reader hands to openRowSource. */
export interface RowIterator {
  rows: AsyncGenerator<SourceRow>;
  delimiter: string | null;
  sheet: () => string | null;
}

export function sourceLabel(source: ImportSource): string {
  return 'path' in source ? source.path : source.name;
}

/** The bytes of a file or an upload (prepared rows have none). */
export type ByteSource = Exclude<ImportSource, { open: unknown }>;

export function byteStream(source: ByteSource): Readable {
  return 'data' in source ? Readable.from([source.data]) : createReadStream(source.path);
}

/** Counts the bytes flowing through, for progress and its ETA. */
export function counting(into: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      into.bytes += chunk.length;
      callback(null, chunk);
    },
  });
}
