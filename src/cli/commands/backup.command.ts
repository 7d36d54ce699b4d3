import type { Command } from 'commander';
import { backupSqliteFile, restoreSqliteFile } from '../../db/backup.js';
import { type DatabaseTarget, parseDatabaseUrl } from '../../db/connection.js';
import { backupPostgres, restorePostgres } from '../../db/pg-backup.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';

function configuredDatabase(): DatabaseTarget {
  const target = parseDatabaseUrl(loadConfig().DATABASE_URL);
  if (target.kind === 'sqlite' && target.file === ':memory:') {
    throw new CliError('An in-memory database cannot be backed up or restored');
  }
  return target;
}

async function asCliError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('Copy the live database to <file> (safe while the server runs)')
    .action(async (file: string) => {
      const target = configuredDatabase();
      if (target.kind === 'postgres') {
        await asCliError(backupPostgres(target.url, file));
        console.log(`Backed up the PostgreSQL database to ${file} (pg_dump custom format)`);
        return;
      }
      const pages = await asCliError(backupSqliteFile(target.file, file));
      console.log(`Backed up ${pages} pages to ${file}`);
    });

  program
    .command('restore <file>')
    .description('Replace the database with a backup (stop the servers first)')
    .action(async (file: string) => {
      const target = configuredDatabase();
      if (target.kind === 'postgres') {
        await asCliError(restorePostgres(target.url, file));
        console.log(`Restored ${file} into the PostgreSQL database`);
        return;
      }
      const pages = await asCliError(restoreSqliteFile(file, target.file));
      console.log(`Restored ${pages} pages from ${file} into ${target.file}`);
    });
}
