import { createReadStream, createWriteStream } from 'node:fs';
import { access, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors.js';
import { exportWorkspace } from '../../services/transfer/workspace/workspace-export.service.js';
import { importWorkspace } from '../../services/transfer/workspace/workspace-import.service.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';

async function exportWorkspaceFile(file: string, options: { workspace?: string }) {
  const db = await openDatabase(loadConfig());
  try {
    const ctx = await cliContext(db, options.workspace);
    try {
      // Owner-only: the file holds password hashes, like a backup.
      const summary = await exportWorkspace(ctx, createWriteStream(file, { mode: 0o600 }));
      console.log(
        `Exported workspace ${summary.workspaceId}: ${summary.records} records to ${file}. ` +
          'It holds password hashes: keep it as private as a backup.',
      );
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  } finally {
    await db.destroy();
  }
}

async function importWorkspaceFile(file: string) {
  try {
    await access(file);
  } catch {
    throw new CliError(`Cannot read ${file}`);
  }
  const db = await openDatabase(loadConfig());
  try {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const summary = await importWorkspace(db, lines);
    const tables = Object.keys(summary.tables).length;
    console.log(
      `Imported workspace "${summary.workspaceName}" (${summary.workspaceId}): ` +
        `${summary.records} records in ${tables} tables`,
    );
  } catch (error) {
    // The message already names the line of the file; its detail would only repeat it.
    if (error instanceof DomainError) throw new CliError(`${error.code}: ${error.message}`);
    throw error;
  } finally {
    await db.destroy();
  }
}

/** `qanat export workspace <file>` and `qanat import workspace <file>`: a workspace, moved. */
export function registerWorkspaceTransferCommands(program: Command): void {
  commandGroup(program, 'export', 'Export lists as CSV or XLSX, or a workspace')
    .command('workspace <file>')
    .description(
      'Write the whole workspace to a JSON-lines file (holds password hashes: keep it private)',
    )
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action((file: string, options: { workspace?: string }) => exportWorkspaceFile(file, options));

  commandGroup(program, 'import', 'Import records from files')
    .command('workspace <file>')
    .description(
      'Restore a workspace file into this database, all or nothing (a database without it)',
    )
    .action((file: string) => importWorkspaceFile(file));
}
