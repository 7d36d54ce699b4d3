import type { Command } from 'commander';
import type { GroupBy } from '../../domain/pipeline-changes.js';
import { getPipelineChanges } from '../../services/analytics/pipeline-changes.service.js';
import { resolveSelectors } from '../../services/scope.service.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';
import { formatMinor, tableRow as row } from '../text-table.js';

interface PipelineChangesOptions {
  from?: string;
  to?: string;
  period?: string;
  pipeline?: string;
  owner?: string;
  groupBy: string;
  deals: string;
  json?: boolean;
  workspace?: string;
}

const STEP_LABELS: Record<string, string> = {
  created: '+ Created',
  pulledIn: '+ Pulled in',
  movedIn: '+ Moved in',
  increased: '+ Amount increased',
  decreased: '− Amount decreased',
  won: '− Won',
  lost: '− Lost',
  pushedOut: '− Pushed out',
  movedOut: '− Moved out',
  exchangeRates: '± Exchange rates',
};

type Changes = Awaited<ReturnType<typeof getPipelineChanges>>;

function printWaterfall(w: Changes['total'], dealsShown: number): void {
  const widths = [22, 7, 18];
  console.log(row(['', 'Deals', 'Amount'], widths));
  console.log(
    row(['Open at the start', String(w.start.count), formatMinor(w.start.amount)], widths),
  );
  for (const step of w.steps) {
    if (step.count === 0 && step.amount.minor === 0) continue;
    console.log(
      row(
        [STEP_LABELS[step.kind] ?? step.kind, String(step.count), formatMinor(step.amount)],
        widths,
      ),
    );
    for (const deal of step.deals.slice(0, dealsShown)) {
      const reason = deal.reason ? ` (${deal.reason})` : '';
      console.log(
        `    ${deal.title}${reason}: ${formatMinor(deal.amount)} ${deal.amount.currency}`,
      );
    }
  }
  console.log(row(['Open at the end', String(w.end.count), formatMinor(w.end.amount)], widths));
}

function printChanges(changes: Changes, dealsShown: number): void {
  console.log(
    `Pipeline changes · ${changes.pipeline.nameEn} · ${changes.from} to ${changes.to}` +
      (changes.period ? ` · closing in ${changes.period.name}` : '') +
      ` · ${changes.baseCurrency}`,
  );
  printWaterfall(changes.total, dealsShown);
  for (const group of changes.groups) {
    console.log(`\n${group.label?.en ?? (group.key || 'No owner')}`);
    printWaterfall(group, 0);
  }
  const slipping = changes.deals.filter(
    (d) => d.closeDatePushes > 0 || d.amountDecreased || d.stageRegressed || d.stuck,
  );
  if (slipping.length > 0) {
    console.log('\nSlipping');
    for (const d of slipping) {
      const flags = [
        d.closeDatePushes > 0 ? `close date pushed ${d.closeDatePushes}×` : '',
        d.amountDecreased ? 'amount decreased' : '',
        d.stageRegressed ? 'stage regressed' : '',
        d.stuck ? 'stuck' : '',
      ].filter(Boolean);
      console.log(`  ${d.title}: ${flags.join(', ')}`);
    }
  }
  if (changes.unconvertedCurrencies.length > 0) {
    console.log(`Left out, no exchange rate: ${changes.unconvertedCurrencies.join(', ')}`);
  }
}

const GROUPS: readonly GroupBy[] = ['none', 'stage', 'owner', 'category'];

export function registerPipelineChangesCommand(program: Command): void {
  program
    .command('pipeline-changes')
    .description('How the open pipeline changed between two instants: the waterfall')
    .option('--from <instant>', 'the start: a day (YYYY-MM-DD) or an ISO 8601 instant')
    .option('--to <instant>', 'the end, the same way (default: now)')
    .option('--period <period>', 'only deals expected to close in it: 2026-Q3, 2026-07 …')
    .option('--pipeline <id-or-name>', 'one pipeline (default: the default one)')
    .option('--owner <id-or-email>', 'one owner’s deals')
    .option('--group-by <group>', 'none, stage, owner or category', 'none')
    .option('--deals <n>', 'deals listed under each step', '5')
    .option('--json', 'print JSON instead of a table')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(async (options: PipelineChangesOptions) => {
      if (!options.from) throw new CliError('--from is required, e.g. --from 2026-07-01', 2);
      const groupBy = GROUPS.find((g) => g === options.groupBy);
      if (!groupBy) throw new CliError('--group-by must be none, stage, owner or category', 2);
      const dealsShown = Number(options.deals);
      if (!Number.isInteger(dealsShown) || dealsShown < 0 || dealsShown > 500) {
        throw new CliError('--deals must be a whole number from 0 to 500', 2);
      }
      const db = await openDatabase(loadConfig());
      try {
        const ctx = await cliContext(db, options.workspace);
        const selectors = await resolveSelectors(ctx, {
          pipeline: options.pipeline,
          owner: options.owner,
        });
        const changes = await getPipelineChanges(ctx, {
          from: options.from,
          to: options.to,
          period: options.period,
          ...selectors,
          groupBy,
          dealsPerStep: options.json ? 500 : dealsShown,
        });
        if (options.json) console.log(JSON.stringify(changes, null, 2));
        else printChanges(changes, dealsShown);
      } finally {
        await db.destroy();
      }
    });
}
