import { DomainError } from './errors.js';

/**
 * The workspace file: JSON lines, one self-contained JSON object per line.
 *
 * ```
 * {"exportedAt":"2026-03-01T09:00:00.000Z","format":"qanat-workspace","formatVersion":1,"migrations":[…],"workspaceId":"…"}
 * {"row":{"base_currency":"SAR","id":"…",…},"table":"workspaces"}
 * {"row":{…},"table":"users"}
 * …
 * {"end":"qanat-workspace","records":1234}
 * ```
 * Keys are written in sorted order, so two exports of the same data are the same bytes. The
 * last line counts the records, so a file cut short is refused instead of half imported.
 */
export const WORKSPACE_FILE_FORMAT = 'qanat-workspace';
export const WORKSPACE_FILE_VERSION = 1;

/** A stored value: text, a number (integers: instants, minor units, 0/1 booleans) or null. */
export type StoredValue = string | number | null;
export type StoredRow = Record<string, StoredValue>;

export interface WorkspaceFileHeader {
  format: typeof WORKSPACE_FILE_FORMAT;
  formatVersion: number;
  workspaceId: string;
  exportedAt: string;
  /** The schema the rows fit: names of the migrations applied to the source database. */
  migrations: string[];
}

export type WorkspaceFileLine =
  | { kind: 'header'; header: WorkspaceFileHeader }
  | { kind: 'record'; table: string; row: StoredRow }
  | { kind: 'end'; records: number };

/** JSON with object keys in sorted order (rows are flat; the header holds one flat list). */
function canonicalJson(value: Record<string, unknown>): string {
  const sorted = Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  );
  return JSON.stringify(sorted);
}

export function headerLine(header: WorkspaceFileHeader): string {
  return canonicalJson({ ...header });
}

/** One record's line; a value that JSON would not bring back as it was is refused. */
export function recordLine(table: string, row: Record<string, unknown>): string {
  for (const [column, value] of Object.entries(row)) {
    const isSafe =
      value === null ||
      typeof value === 'string' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!isSafe) throw new TypeError(`${table}.${column} holds a value JSON cannot carry`);
  }
  return `{"row":${canonicalJson(row)},"table":${JSON.stringify(table)}}`;
}

export function endLine(records: number): string {
  return canonicalJson({ end: WORKSPACE_FILE_FORMAT, records });
}

function invalidLine(lineNumber: number, message: string): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    `Line ${lineNumber} of the workspace file: ${message}`,
    [{ path: ['line', lineNumber], message }],
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

function parseRow(value: unknown, lineNumber: number): StoredRow {
  if (!isObject(value)) throw invalidLine(lineNumber, 'a record needs a "row" object');
  for (const [column, cell] of Object.entries(value)) {
    if (!COLUMN_NAME.test(column)) throw invalidLine(lineNumber, `bad column name ${column}`);
    if (cell !== null && typeof cell !== 'string' && typeof cell !== 'number') {
      throw invalidLine(lineNumber, `column ${column} holds neither text, a number nor null`);
    }
  }
  return value as StoredRow;
}

function parseHeader(value: Record<string, unknown>, lineNumber: number): WorkspaceFileHeader {
  const { formatVersion, workspaceId, exportedAt, migrations } = value;
  if (formatVersion !== WORKSPACE_FILE_VERSION) {
    throw invalidLine(
      lineNumber,
      `format version ${String(formatVersion)} is not ${WORKSPACE_FILE_VERSION}, the one this Qanat reads`,
    );
  }
  if (typeof workspaceId !== 'string' || workspaceId === '') {
    throw invalidLine(lineNumber, 'the header names no workspace');
  }
  if (typeof exportedAt !== 'string') throw invalidLine(lineNumber, 'the header has no exportedAt');
  if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === 'string')) {
    throw invalidLine(lineNumber, 'the header lists no migrations');
  }
  return {
    format: WORKSPACE_FILE_FORMAT,
    formatVersion,
    workspaceId,
    exportedAt,
    migrations,
  };
}

/**
 * Reads one line of a workspace file.
 * @example parseWorkspaceLine('{"end":"qanat-workspace","records":3}', 9) → { kind: 'end', records: 3 }
 */
export function parseWorkspaceLine(text: string, lineNumber: number): WorkspaceFileLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidLine(lineNumber, 'not JSON (is the file cut short or edited?)');
  }
  if (!isObject(value)) throw invalidLine(lineNumber, 'not a JSON object');
  if (value.format === WORKSPACE_FILE_FORMAT) {
    return { kind: 'header', header: parseHeader(value, lineNumber) };
  }
  if (value.end === WORKSPACE_FILE_FORMAT) {
    if (typeof value.records !== 'number' || !Number.isInteger(value.records)) {
      throw invalidLine(lineNumber, 'the last line counts no records');
    }
    return { kind: 'end', records: value.records };
  }
  if (typeof value.table !== 'string') {
    throw invalidLine(lineNumber, 'neither a header, a record nor the last line');
  }
  return { kind: 'record', table: value.table, row: parseRow(value.row, lineNumber) };
}
