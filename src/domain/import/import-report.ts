import type { ImportKind } from './import-fields.js';

/** A row that was not imported, and why: what a person fixes in the file. */
export interface Rejection {
  /** The row a spreadsheet shows (the header is row 1). */
  row: number;
  /** CSV: the line of the file the row starts on; null for XLSX. */
  line: number | null;
  /** The column's header, or null when the row as a whole is at fault. */
  column: string | null;
  /** The column's position, 1 for the first (the first of several composed columns). */
  columnNumber: number | null;
  value: string | null;
  reason: string;
}

/** A value that looks like another one: reported, never merged silently. */
export interface Suggestion {
  row: number;
  column: string | null;
  value: string;
  similarTo: string;
  reason: string;
}

/** Something imported as the file says, but worth a look; counted, with its first rows. */
export interface ImportWarning {
  code: string;
  message: string;
  count: number;
  rows: number[];
}

export interface ValueMapUse {
  field: string;
  from: string;
  to: string;
  count: number;
}

export interface ValueCheck {
  tolerance: number;
  checked: number;
  flagged: number;
  examples: { row: number; amount: number; itemsTotal: number; currency: string }[];
}

export interface ImportReport {
  kind: ImportKind;
  file: string;
  format: 'csv' | 'xlsx';
  delimiter: string | null;
  sheet: string | null;
  preset: string;
  source: string;
  dryRun: boolean;
  validOnly: boolean;
  /** Whether anything was written: false for a dry run and for a refused all-or-nothing run. */
  committed: boolean;
  columns: { column: string; field: string | null; how: 'mapping' | 'preset' | 'guess' | 'none' }[];
  rows: { total: number; created: number; updated: number; skipped: number; rejected: number };
  /** Other records made along the way: companies named by deals, teams, lost reasons… */
  alsoCreated: Record<string, number>;
  rejections: Rejection[];
  /** How many rejections were left out of `rejections` (only the first 1,000 are listed). */
  rejectionsNotListed: number;
  suggestions: Suggestion[];
  warnings: ImportWarning[];
  valueMaps: ValueMapUse[];
  valueCheck: ValueCheck | null;
  /** The custom fields columns went to (`customFields.<key>`), with the values written. */
  customFields: CustomFieldUse[];
  timings: { ms: number; rowsPerSecond: number };
}

export interface CustomFieldUse {
  key: string;
  column: string;
  values: number;
}

const MAX_LISTED = 1000;
const MAX_WARNING_ROWS = 20;

/** Collects what an import did, row by row, into an ImportReport. */
export class ReportBuilder {
  readonly report: ImportReport;
  readonly #warnings = new Map<string, ImportWarning>();
  readonly #valueMaps = new Map<string, ValueMapUse>();
  readonly #suggested = new Set<string>();

  constructor(
    base: Omit<
      ImportReport,
      | 'rows'
      | 'alsoCreated'
      | 'rejections'
      | 'rejectionsNotListed'
      | 'suggestions'
      | 'warnings'
      | 'valueMaps'
      | 'valueCheck'
      | 'customFields'
      | 'timings'
    >,
  ) {
    this.report = {
      ...base,
      rows: { total: 0, created: 0, updated: 0, skipped: 0, rejected: 0 },
      alsoCreated: {},
      rejections: [],
      rejectionsNotListed: 0,
      suggestions: [],
      warnings: [],
      valueMaps: [],
      valueCheck: null,
      customFields: [],
      timings: { ms: 0, rowsPerSecond: 0 },
    };
  }

  reject(rejection: Rejection): void {
    if (this.report.rejections.length < MAX_LISTED) this.report.rejections.push(rejection);
    else this.report.rejectionsNotListed += 1;
  }

  /** Reports one suggestion per distinct value and look-alike (the first row that shows it). */
  suggest(suggestion: Suggestion): void {
    const key = `${suggestion.column}\u0000${suggestion.value}\u0000${suggestion.similarTo}`;
    if (this.#suggested.has(key) || this.report.suggestions.length >= MAX_LISTED) return;
    this.#suggested.add(key);
    this.report.suggestions.push(suggestion);
  }

  warn(code: string, message: string, row: number): void {
    let warning = this.#warnings.get(code);
    if (!warning) {
      warning = { code, message, count: 0, rows: [] };
      this.#warnings.set(code, warning);
      this.report.warnings.push(warning);
    }
    warning.count += 1;
    if (warning.rows.length < MAX_WARNING_ROWS) warning.rows.push(row);
  }

  countValueMap(field: string, from: string, to: string): void {
    const key = `${field}\u0000${from}`;
    let use = this.#valueMaps.get(key);
    if (!use) {
      use = { field, from, to, count: 0 };
      this.#valueMaps.set(key, use);
      this.report.valueMaps.push(use);
    }
    use.count += 1;
  }

  /** Rows found wrong while matching a batch come after later rows' checks: put all in order. */
  finish(): void {
    this.report.rejections.sort((a, b) => a.row - b.row);
    this.report.suggestions.sort((a, b) => a.row - b.row);
    for (const warning of this.report.warnings) warning.rows.sort((a, b) => a - b);
  }

  alsoCreated(what: string, count = 1): void {
    this.report.alsoCreated[what] = (this.report.alsoCreated[what] ?? 0) + count;
  }
}

/** Where rejected rows go: the file's own columns, then where and why. */
export interface RejectsSink {
  start(headers: string[]): void;
  write(cells: string[], rejection: Rejection): void;
  close(): Promise<void>;
  /** How many rows were written. */
  readonly count: number;
}
