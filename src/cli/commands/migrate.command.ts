import type { Command } from 'commander';
import { connect, parseDatabaseUrl } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadConfig } from '../config.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const config = loadConfig();
      const db = connect(parseDatabaseUrl(config.DATABASE_URL));
      try {
        const { applied } = await migrateToLatest(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date');
      } finally {
        await db.destroy();
      }
    });
}
