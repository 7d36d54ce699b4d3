import type { Command } from 'commander';
import { addDays } from '../../domain/period.js';
import { resolveSelectors } from '../../services/scope.service.js';
import { computeMetrics } from '../../services/analytics/metrics.service.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';
import { formatMoney as money, percent, printTable as table } from '../text-table.js';

interface MetricsOptions {
  from?: string;
  to?: string;
  pipeline?: string;
  owner?: string;
  team?: string;
  source?: string;
  asOf?: string;
  json?: boolean;
  workspace?: string;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

const days = (value: number | null) => (value === null ? '—' : value.toFixed(1));

type MetricsResult = Awaited<ReturnType<typeof computeMetrics>>;

function printMetrics(m: MetricsResult): void {
  const last = addDays(m.period.to, -1);
  console.log(
    `Metrics for ${m.pipeline.nameEn}, ${m.period.from} to ${last} (${m.timeZone}), ` +
      `amounts in ${m.baseCurrency}` +
      (m.asOf ? `, as of ${m.asOf}` : ''),
  );
  const { salesCycleDays: won, salesCycleDaysAllClosed: closed, mqlToSql } = m;
  const summary: [string, string][] = [
    ['Win rate', `${percent(m.winRate)} (${m.wonCount} won, ${m.lostCount} lost)`],
    ['Won amount', money(m.wonAmount)],
    ['Average won deal', money(m.averageWonAmount)],
    ['Sales cycle, won', `mean ${days(won.mean)} days, median ${days(won.median)} days`],
    ['Sales cycle, closed', `mean ${days(closed.mean)} days, median ${days(closed.median)} days`],
    [
      'Sales velocity',
      `${money(m.salesVelocity.perDay)} a day (${m.salesVelocity.openDeals} open deals)`,
    ],
    [
      'MQL → SQL',
      `${percent(mqlToSql.rate)} (${mqlToSql.sqls} of ${mqlToSql.mqls} from ` +
        `${mqlToSql.mqlStage ?? '—'} reached ${mqlToSql.sqlStage ?? '—'})`,
    ],
  ];
  console.log('');
  for (const [label, value] of summary) console.log(`${label.padEnd(20)}  ${value}`);
  table(
    'Stages',
    [
      'Stage',
      'Entered',
      'Advanced',
      'Still open',
      'Conversion',
      'Visits',
      'Mean days',
      'Open',
      'Age (days)',
    ],
    m.stageConversion.map((c, i) => {
      const t = m.timeInStage[i];
      return [
        c.nameEn,
        String(c.entered),
        String(c.advanced),
        String(c.stillOpen),
        percent(c.rate),
        String(t?.completedVisits ?? 0),
        days(t?.meanDays ?? null),
        String(t?.openDeals ?? 0),
        days(t?.meanCurrentAgeDays ?? null),
      ];
    }),
  );
  table(
    'Funnel (deals opened in the period)',
    ['Stage', 'Reached', 'Step', 'From top'],
    m.funnel.map((f) => [f.nameEn, String(f.reached), percent(f.stepRate), percent(f.rateFromTop)]),
  );
  table(
    'Qualified leads',
    ['Month', 'Qualified', 'Lead Velocity Rate'],
    m.leadVelocityRate.map((l) => [
      l.month,
      String(l.qualified),
      l.rate === null ? '—' : `${l.rate.toFixed(1)}%`,
    ]),
  );
  table(
    'Lost by reason',
    ['Reason', 'Deals'],
    m.lostByReason.map((r) => [r.labelEn ?? '(none)', String(r.count)]),
  );
  table(
    'Lost by stage',
    ['Stage', 'Deals'],
    m.lostByStage.map((s) => [s.nameEn, String(s.count)]),
  );
  table(
    'Leaderboard',
    ['Owner', 'Won', 'Lost', 'Won amount', 'Win rate'],
    m.leaderboard.map((o) => [
      o.ownerName ?? '(no owner)',
      String(o.wonCount),
      String(o.lostCount),
      money(o.wonAmount),
      percent(o.winRate),
    ]),
  );
  if (m.unconvertedCurrencies.length > 0) {
    console.log(`\nLeft out, no exchange rate: ${m.unconvertedCurrencies.join(', ')}`);
  }
}

export function registerMetricsCommand(program: Command): void {
  program
    .command('metrics')
    .description('Pipeline metrics over a period, computed from the stage history')
    .option('--from <day>', 'first day of the period, YYYY-MM-DD')
    .option('--to <day>', 'day after the last day, YYYY-MM-DD')
    .option('--pipeline <id-or-name>', 'the pipeline (default: the default pipeline)')
    .option('--owner <email-or-id>', 'only this owner’s deals')
    .option('--team <id>', 'only deals owned by members of this team')
    .option('--source <source>', 'only deals from this source')
    .option('--as-of <day-or-instant>', 'the history as it stood then (YYYY-MM-DD or ISO 8601)')
    .option('--json', 'print JSON instead of tables')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(async (options: MetricsOptions) => {
      for (const flag of ['from', 'to'] as const) {
        const value = options[flag];
        if (value === undefined) throw new CliError(`--${flag} is required, e.g. 2026-01-01`, 2);
        if (!isDay(value)) throw new CliError(`--${flag} must be a day, YYYY-MM-DD: ${value}`, 2);
      }
      const db = await openDatabase(loadConfig());
      try {
        const ctx = await cliContext(db, options.workspace);
        const selected = await resolveSelectors(ctx, options);
        const metrics = await computeMetrics(ctx, {
          from: options.from ?? '',
          to: options.to ?? '',
          ...selected,
          teamId: options.team,
          source: options.source,
          asOf: options.asOf,
        });
        if (options.json) console.log(JSON.stringify(metrics, null, 2));
        else printMetrics(metrics);
      } finally {
        await db.destroy();
      }
    });
}
