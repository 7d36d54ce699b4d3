import type { Command } from 'commander';
import { backupSqliteFile, restoreSqliteFile } from '../../db/backup.js';
import { parseDatabaseUrl } from '../../db/connection.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';

function sqliteFileOrFail(): string {
  const target = parseDatabaseUrl(loadConfig().DATABASE_URL);
  if (target.kind !== 'sqlite' || target.file === ':memory:') {
    throw new CliError('backup and restore work on a SQLite file database (DATABASE_URL=sqlite:…)');
  }
  return target.file;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('Copy the live database to <file> (safe while the server runs)')
    .action(async (file: string) => {
      const pages = await backupSqliteFile(sqliteFileOrFail(), file);
      console.log(`Backed up ${pages} pages to ${file}`);
    });

  program
    .command('restore <file>')
    .description('Replace the database with a backup (stop the server first)')
    .action(async (file: string) => {
      const target = sqliteFileOrFail();
      const pages = await restoreSqliteFile(file, target).catch((error: unknown) => {
        throw new CliError(error instanceof Error ? error.message : String(error));
      });
      console.log(`Restored ${pages} pages from ${file} into ${target}`);
    });
}
