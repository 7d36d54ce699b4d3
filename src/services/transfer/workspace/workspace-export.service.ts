import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  listAppliedMigrations,
  readSnapshot,
  readWorkspaceRows,
} from '../../../db/workspace-dump.repository.js';
import { WORKSPACE_TABLES } from '../../../db/workspace-tables.js';
import {
  endLine,
  headerLine,
  recordLine,
  WORKSPACE_FILE_FORMAT,
  WORKSPACE_FILE_VERSION,
} from '../../../domain/workspace-file.js';
import { requirePermission, type ServiceContext, toIso } from '../../context.service.js';

export interface WorkspaceTransferSummary {
  workspaceId: string;
  records: number;
  /** Records per table, in the file's order. */
  tables: Record<string, number>;
}

const ROWS_PER_READ = 1000;

/**
 * Writes the whole workspace to `out` as the JSON-lines workspace file (see
 * src/domain/workspace-file.ts): a header, then every row of every workspace table in an order
 * that satisfies foreign keys, then a line counting the records. Rows are read page by page from
 * one consistent snapshot and stream out with back-pressure. The file holds users' password
 * hashes and API token hashes: it is as sensitive as a backup. Ends `out`.
 */
export async function exportWorkspace(
  ctx: ServiceContext,
  out: Writable,
): Promise<WorkspaceTransferSummary> {
  requirePermission(ctx.actor, 'workspace.manage');
  const { workspaceId } = ctx.actor;
  const summary: WorkspaceTransferSummary = { workspaceId, records: 0, tables: {} };
  await readSnapshot(ctx.db, async (db) => {
    const migrations = await listAppliedMigrations(db);
    async function* lines(): AsyncGenerator<string> {
      yield `${headerLine({
        format: WORKSPACE_FILE_FORMAT,
        formatVersion: WORKSPACE_FILE_VERSION,
        workspaceId,
        exportedAt: toIso(ctx.now) ?? '',
        migrations,
      })}\n`;
      for (const rule of WORKSPACE_TABLES) {
        let tableRecords = 0;
        for await (const rows of readWorkspaceRows(db, rule, workspaceId, ROWS_PER_READ)) {
          tableRecords += rows.length;
          summary.records += rows.length;
          yield rows.map((row) => `${recordLine(rule.table, row)}\n`).join('');
        }
        summary.tables[rule.table] = tableRecords;
      }
      yield `${endLine(summary.records)}\n`;
    }
    await pipeline(Readable.from(lines()), out);
  });
  return summary;
}
