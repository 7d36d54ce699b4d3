import type { Command } from 'commander';
import { parseAmountToMinor } from '../../domain/money.js';
import { parsePeriod } from '../../domain/period.js';
import { getBottlenecks } from '../../services/analytics/bottleneck.service.js';
import { resolveSelectors } from '../../services/scope.service.js';
import { getTargetProgress } from '../../services/analytics/target-progress.service.js';
import {
  createTarget,
  listTargetViews,
  updateTarget,
} from '../../services/analytics/target.service.js';
import type { ServiceContext } from '../../services/context.service.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';
import { formatMoney, percent, printTable } from '../text-table.js';

interface CommonOptions {
  json?: boolean;
  workspace?: string;
}

/** Opens the database, runs `work` as the workspace's admin, and always closes it. */
async function withContext(
  workspace: string | undefined,
  work: (ctx: ServiceContext) => Promise<void>,
): Promise<void> {
  const db = await openDatabase(loadConfig());
  try {
    await work(await cliContext(db, workspace));
  } finally {
    await db.destroy();
  }
}

/** `workspace`, `team:<id>`, `owner:<email or id>` → the scope the API takes. */
async function scopeOf(ctx: ServiceContext, text: string): Promise<string> {
  if (!text.startsWith('owner:')) return text;
  const { ownerId } = await resolveSelectors(ctx, { owner: text.slice('owner:'.length) });
  return `owner:${ownerId}`;
}

type Progress = Awaited<ReturnType<typeof getTargetProgress>>;

function printProgress(progress: Progress): void {
  const { target } = progress;
  console.log(
    `\nTarget ${target.scope}, ${target.period.name} (${target.period.from} to before ` +
      `${target.period.to}): ${formatMoney(progress.targetAmount)}`,
  );
  console.log(
    `Won so far ${formatMoney(progress.wonSoFar)} (${percent(progress.attainment)}) · ` +
      `remaining ${formatMoney(progress.remaining)} · open pipeline weighted ` +
      `${formatMoney(progress.openPipeline.weighted)} · coverage ` +
      (progress.coverage === null
        ? '— (target met)'
        : `${progress.coverage.weighted.toFixed(2)}× weighted ` +
          `(${progress.coverage.unweighted.toFixed(2)}× unweighted)`) +
      ' · average won ' +
      `deal ${formatMoney(progress.averageWonDeal)} (${progress.recentWonDeals} won in 12 months)`,
  );
  printTable(
    'More deals needed entering each stage to close the gap',
    ['Stage', 'Probability', 'Deals needed'],
    progress.opportunitiesNeeded.map((s) => [
      s.nameEn,
      percent(s.probability),
      s.needed === null ? '—' : String(s.needed),
    ]),
  );
}

export function registerTargetCommands(program: Command): void {
  const targets = program
    .command('targets')
    .description('revenue targets and where each stands: won, gap, coverage, deals needed');

  targets
    .command('list')
    .description('every target with its progress and the deals needed at each stage')
    .option('--period <period>', 'only targets of this period: 2026, 2026-Q1, 2026-03')
    .option('--scope <scope>', 'only this scope: workspace, team:<id>, owner:<email-or-id>')
    .option('--pipeline <id-or-name>', 'the pipeline whose stages "deals needed" counts')
    .option('--json', 'print JSON instead of tables')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(
      async (options: CommonOptions & { period?: string; scope?: string; pipeline?: string }) => {
        const period = options.period ? parsePeriod(options.period) : undefined;
        await withContext(options.workspace, async (ctx) => {
          const scope = options.scope ? await scopeOf(ctx, options.scope) : undefined;
          const { pipelineId } = await resolveSelectors(ctx, {
            pipeline: options.pipeline,
          });
          const views = (await listTargetViews(ctx, { scope })).filter(
            (t) => !period || (t.period.from === period.from && t.period.to === period.to),
          );
          const progress: Progress[] = [];
          for (const view of views) {
            progress.push(await getTargetProgress(ctx, view.id, { pipelineId }));
          }
          if (options.json) console.log(JSON.stringify(progress, null, 2));
          else if (progress.length === 0)
            console.log('No targets. Set one with: qanat targets set');
          else progress.forEach(printProgress);
        });
      },
    );

  targets
    .command('set')
    .description('set (or change) the revenue target of a scope for a period')
    .requiredOption('--period <period>', '2026, 2026-Q1, 2026-03 or 2026-01-01..2026-04-01')
    .requiredOption('--amount <amount>', 'in the base currency, e.g. 250000 or 250000.50')
    .option('--scope <scope>', 'workspace, team:<id> or owner:<email-or-id>', 'workspace')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(
      async (options: { period: string; amount: string; scope: string; workspace?: string }) => {
        await withContext(options.workspace, async (ctx) => {
          const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
          if (!workspace) throw new CliError('The workspace is gone', 1);
          const amountMinor = parseAmountToMinor(options.amount, workspace.base_currency);
          const scope = await scopeOf(ctx, options.scope);
          const period = parsePeriod(options.period);
          const existing = (await listTargetViews(ctx, { scope })).find(
            (t) => t.period.from === period.from && t.period.to === period.to,
          );
          const saved = existing
            ? await updateTarget(ctx, existing.id, existing.version, { amountMinor })
            : await createTarget(ctx, { scope, period: options.period, amountMinor });
          console.log(
            `${existing ? 'Changed' : 'Set'} the target of ${saved.scope} for ` +
              `${saved.period.name}: ${formatMoney(saved.amount)}`,
          );
        });
      },
    );

  program
    .command('bottlenecks')
    .description('stages whose recent time in stage or conversion is worse than their own past')
    .option('--pipeline <id-or-name>', 'the pipeline (default: the default pipeline)')
    .option('--days <n>', 'the recent window in days', '30')
    .option('--json', 'print JSON instead of a table')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(async (options: CommonOptions & { pipeline?: string; days: string }) => {
      const days = Number(options.days);
      if (!Number.isInteger(days) || days < 1 || days > 365) {
        throw new CliError('--days must be a whole number of days from 1 to 365', 2);
      }
      await withContext(options.workspace, async (ctx) => {
        const { pipelineId } = await resolveSelectors(ctx, { pipeline: options.pipeline });
        const report = await getBottlenecks(ctx, { pipelineId, days });
        if (options.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        const daysText = (n: number | null) => (n === null ? '—' : n.toFixed(1));
        printTable(
          `Last ${report.days} days against the ${report.baselineDays} days before`,
          ['Stage', 'Days now', 'Days before', 'Conv. now', 'Conv. before', 'Bottleneck'],
          report.stages.map((s) => [
            s.stage.nameEn,
            daysText(s.timeInStage.recent.meanDays),
            daysText(s.timeInStage.baseline.meanDays),
            percent(s.conversion.recent.rate),
            percent(s.conversion.baseline.rate),
            s.isBottleneck ? 'yes' : '',
          ]),
        );
      });
    });
}
