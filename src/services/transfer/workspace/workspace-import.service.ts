import type { Db } from '../../../db/connection.js';
import {
  findUsersByIdOrEmail,
  insertRows,
  listAppliedMigrations,
  workspaceExists,
} from '../../../db/workspace-dump.repository.js';
import { WORKSPACE_TABLES, type WorkspaceTable } from '../../../db/workspace-tables.js';
import { DomainError } from '../../../domain/errors.js';
import {
  parseWorkspaceLine,
  type StoredRow,
  type WorkspaceFileHeader,
} from '../../../domain/workspace-file.js';
import type { WorkspaceTransferSummary } from './workspace-export.service.js';

export interface WorkspaceImportSummary extends WorkspaceTransferSummary {
  workspaceName: string;
}

const ROWS_PER_INSERT = 200;
const TABLE_ORDER = new Map<string, number>(WORKSPACE_TABLES.map((rule, i) => [rule.table, i]));

function invalid(message: string, lineNumber?: number): DomainError {
  if (lineNumber === undefined) return new DomainError('VALIDATION_FAILED', message);
  return new DomainError(
    'VALIDATION_FAILED',
    `Line ${lineNumber} of the workspace file: ${message}`,
    [{ path: ['line', lineNumber], message }],
  );
}

/** The target must have the file's exact schema and must not have the workspace already. */
async function checkTarget(db: Db, header: WorkspaceFileHeader): Promise<void> {
  const applied = await listAppliedMigrations(db);
  if (applied.join('\n') !== header.migrations.join('\n')) {
    const missing = header.migrations.filter((m) => !applied.includes(m));
    throw invalid(
      missing.length > 0
        ? `the file was written by a newer Qanat: this database lacks ${missing.join(', ')}; ` +
            'upgrade Qanat first'
        : 'the file was written by an older Qanat (its schema lacks ' +
            `${applied.filter((m) => !header.migrations.includes(m)).join(', ')}); import it ` +
            'with the Qanat version that wrote it, then upgrade',
    );
  }
  if (await workspaceExists(db, header.workspaceId)) {
    throw new DomainError(
      'CONFLICT',
      `This database already has workspace ${header.workspaceId}; import into a fresh database`,
    );
  }
}

/**
 * Users may belong to several workspaces: one that already exists with the same id and email is
 * kept as it is (its password is not replaced); a different account with the same email is a
 * clash the person importing must resolve.
 */
async function insertUsers(db: Db, rows: StoredRow[]): Promise<void> {
  const existing = await findUsersByIdOrEmail(
    db,
    rows.map((r) => String(r.id)),
    rows.map((r) => String(r.email)),
  );
  const byId = new Map(existing.map((u) => [u.id, u]));
  const fresh = rows.filter((row) => {
    const same = byId.get(String(row.id));
    const clash = existing.find((u) => u.email === row.email && u.id !== row.id);
    if ((same && same.email !== row.email) || clash) {
      throw new DomainError(
        'CONFLICT',
        `A different user with the email ${String(row.email)} already exists in this database`,
      );
    }
    return same === undefined;
  });
  if (fresh.length > 0) await insertRows(db, 'users', fresh);
}

/** Checks that a row belongs to the file's workspace: a file cannot write into another one. */
function checkScope(rule: WorkspaceTable, row: StoredRow, workspaceId: string, line: number) {
  if (rule.scope === 'self' && row.id !== workspaceId) {
    throw invalid(`the workspaces row is not the header's workspace ${workspaceId}`, line);
  }
  if (rule.scope === 'workspace' && row.workspace_id !== workspaceId) {
    throw invalid(`a ${rule.table} row of another workspace`, line);
  }
}

interface Batch {
  rule: WorkspaceTable;
  rows: StoredRow[];
  firstLine: number;
  lastLine: number;
}

class WorkspaceFileLoader {
  private header: WorkspaceFileHeader | undefined;
  private endCount: number | undefined;
  private tableIndex = -1;
  private batch: Batch | undefined;
  private readonly columnsOf = new Map<string, string>();
  private readonly userIds = new Set<string>();
  private readonly memberIds = new Set<string>();
  private workspaceName: string | undefined;
  readonly summary: WorkspaceTransferSummary = { workspaceId: '', records: 0, tables: {} };

  constructor(private readonly db: Db) {}

  async read(text: string, line: number): Promise<void> {
    if (text.trim() === '') return;
    if (this.endCount !== undefined) throw invalid('nothing may follow the last line', line);
    const parsed = parseWorkspaceLine(text, line);
    switch (parsed.kind) {
      case 'header':
        if (this.header) throw invalid('a second header', line);
        await checkTarget(this.db, parsed.header);
        this.header = parsed.header;
        this.summary.workspaceId = parsed.header.workspaceId;
        return;
      case 'record':
        return this.add(parsed.table, parsed.row, line);
      case 'end':
        if (!this.header) throw invalid('the file does not start with its header', line);
        await this.flush();
        this.endCount = parsed.records;
        return;
    }
  }

  private async add(table: string, row: StoredRow, line: number): Promise<void> {
    if (!this.header) throw invalid('the file does not start with its header', line);
    const index = TABLE_ORDER.get(table);
    const rule = index === undefined ? undefined : WORKSPACE_TABLES[index];
    if (index === undefined || !rule) throw invalid(`unknown table ${table}`, line);
    if (index < this.tableIndex) {
      throw invalid(`${table} rows must come before those of later tables`, line);
    }
    if (index > 0 && this.workspaceName === undefined) {
      throw invalid('the workspace row must come first', line);
    }
    this.tableIndex = index;
    checkScope(rule, row, this.header.workspaceId, line);
    const columns = Object.keys(row).sort().join(',');
    const expected = this.columnsOf.get(table) ?? columns;
    if (columns !== expected) throw invalid(`a ${table} row with other columns`, line);
    this.columnsOf.set(table, columns);
    if (rule.scope === 'self') {
      if (this.workspaceName !== undefined) throw invalid('a second workspace row', line);
      this.workspaceName = String(row.name);
    }
    if (rule.table === 'users') this.userIds.add(String(row.id));
    if (rule.table === 'memberships') this.memberIds.add(String(row.user_id));

    if (this.batch && (this.batch.rule !== rule || this.batch.rows.length >= ROWS_PER_INSERT)) {
      await this.flush();
    }
    this.batch ??= { rule, rows: [], firstLine: line, lastLine: line };
    this.batch.rows.push(row);
    this.batch.lastLine = line;
    this.summary.records += 1;
    this.summary.tables[table] = (this.summary.tables[table] ?? 0) + 1;
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    try {
      if (batch.rule.scope === 'member') await insertUsers(this.db, batch.rows);
      else await insertRows(this.db, batch.rule.table, batch.rows);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw invalid(
        `the ${batch.rule.table} rows of lines ${batch.firstLine}–${batch.lastLine} do not fit ` +
          `this database: ${reason}`,
      );
    }
  }

  finish(): WorkspaceImportSummary {
    if (!this.header) throw invalid('the file is empty or has no header');
    if (this.endCount === undefined) {
      throw invalid('the file is cut short: its last line (the record count) is missing');
    }
    if (this.endCount !== this.summary.records) {
      throw invalid(
        `the file counts ${this.endCount} records but holds ${this.summary.records}: ` +
          'it was cut or edited',
      );
    }
    if (this.workspaceName === undefined) throw invalid('the file has no workspace row');
    const strangers = [...this.userIds].filter((id) => !this.memberIds.has(id));
    if (strangers.length > 0) {
      throw invalid(`users ${strangers.join(', ')} are not members of the workspace`);
    }
    return { ...this.summary, workspaceName: this.workspaceName };
  }
}

/**
 * Takes hold of the lines before anything is awaited: a readline interface reads from the start
 * and drops the lines it reads before it is iterated, and beginning a transaction takes a round
 * trip on PostgreSQL — the header and first records would be lost.
 */
function startReading(
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncIterable<string> | Iterable<string> {
  if (!(Symbol.asyncIterator in lines)) return lines;
  const iterator = lines[Symbol.asyncIterator]();
  return { [Symbol.asyncIterator]: () => iterator };
}

/**
 * Restores a workspace file (written by exportWorkspace) into this database, all or nothing in
 * one transaction: ids, versions, timestamps and the append-only stage history come back exactly
 * as they were (history only ever receives inserts). Refused when the database already has the
 * workspace or its schema differs from the file's, and when the file is cut short or out of order.
 * @example await importWorkspace(db, readline.createInterface({ input: createReadStream(file) }))
 */
export function importWorkspace(
  db: Db,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<WorkspaceImportSummary> {
  const source = startReading(lines);
  return db.transaction().execute(async (trx) => {
    const loader = new WorkspaceFileLoader(trx);
    let lineNumber = 0;
    for await (const text of source) {
      lineNumber += 1;
      await loader.read(text, lineNumber);
    }
    return loader.finish();
  });
}
