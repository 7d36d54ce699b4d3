import type { Command } from 'commander';
import { loadDemoData } from '../../demo/load-demo.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Load a bilingual demo: a team, companies, contacts and deals over 18 months')
    .option('--deals <n>', 'number of deals', '300')
    .option('--seed <n>', 'random seed (the same seed gives the same data)', '42')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(async (options: { deals: string; seed: string; workspace?: string }) => {
      const deals = Number(options.deals);
      const seed = Number(options.seed);
      if (!Number.isInteger(deals) || deals < 1 || deals > 100_000) {
        throw new CliError('--deals must be a whole number from 1 to 100000', 2);
      }
      if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number', 2);
      const db = await openDatabase(loadConfig());
      try {
        const ctx = await cliContext(db, options.workspace);
        const summary = await loadDemoData(ctx, { deals, seed });
        console.log(
          `Demo loaded: ${summary.deals} deals (${summary.open} open, ${summary.won} won, ` +
            `${summary.lost} lost), ${summary.companies} companies, ${summary.contacts} contacts, ` +
            `${summary.users} people, ${summary.activities} activities`,
        );
      } finally {
        await db.destroy();
      }
    });
}
