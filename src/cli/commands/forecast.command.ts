import type { Command } from 'commander';
import { addDays } from '../../domain/period.js';
import { type BacktestView, getBacktest } from '../../services/analytics/backtest.service.js';
import { type ForecastView, getForecast } from '../../services/analytics/forecast.service.js';
import { resolveSelectors } from '../../services/scope.service.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';
import { formatMinor, percent, tableRow as row } from '../text-table.js';

interface ForecastOptions {
  period?: string;
  pipeline?: string;
  asOf?: string;
  backtest?: boolean;
  from?: string;
  to?: string;
  grain: string;
  json?: boolean;
  workspace?: string;
}

function printForecast(forecast: ForecastView): void {
  const widths = [24, 7, 18, 18];
  const last = addDays(forecast.period.to, -1);
  console.log(
    `Forecast ${forecast.period.name} (${forecast.period.from} to ${last}, ${forecast.timeZone})` +
      ` · ${forecast.currency} · probabilities: ${forecast.probabilityMode}` +
      (forecast.asOf ? ` · as of ${forecast.asOf}` : ''),
  );
  console.log(row(['', 'Deals', 'Amount', 'Weighted'], widths));
  console.log(
    row(['Won so far', String(forecast.wonCount), formatMinor(forecast.wonSoFar), ''], widths),
  );
  const labels = { commit: 'Commit', best_case: 'Best case', pipeline: 'Pipeline' } as const;
  for (const key of ['commit', 'best_case', 'pipeline'] as const) {
    const c = forecast.byCategory[key];
    console.log(
      row([labels[key], String(c.count), formatMinor(c.amount), formatMinor(c.weighted)], widths),
    );
  }
  console.log(row(['Expected', '', '', formatMinor(forecast.expected)], widths));
  console.log(
    row(
      [
        'Range (90 %)',
        '',
        formatMinor(forecast.range.low),
        `– ${formatMinor(forecast.range.high)}`,
      ],
      widths,
    ),
  );
  console.log(
    row(
      [
        'Overdue (not counted)',
        String(forecast.overdue.count),
        formatMinor(forecast.overdue.amount),
        '',
      ],
      widths,
    ),
  );
  if (forecast.unconvertedCurrencies.length > 0) {
    console.log(`Left out, no exchange rate: ${forecast.unconvertedCurrencies.join(', ')}`);
  }
}

function printBacktest(backtest: BacktestView): void {
  const widths = [22, 16, 16, 9];
  console.log(
    `Backtest by ${backtest.grain} · ${backtest.currency} · probabilities: ` +
      backtest.probabilityMode,
  );
  console.log(row(['Period', 'Forecast', 'Actual', 'Accuracy'], widths));
  for (const p of backtest.periods) {
    console.log(
      row(
        [p.period.name, formatMinor(p.forecast), formatMinor(p.actual), percent(p.accuracy)],
        widths,
      ),
    );
  }
  const { overall } = backtest;
  console.log(
    `Mean accuracy ${percent(overall.meanAccuracy)} · weighted accuracy ` +
      `${percent(overall.weightedAccuracy)} (${overall.periodsScored} of ` +
      `${backtest.periods.length} periods had wins to score)`,
  );
  const { calls } = backtest;
  if (calls.periodsCalled > 0) {
    console.log(
      `On the ${calls.periodsCalled} periods with a call: model ${percent(calls.model.meanAccuracy)}` +
        ` · commit calls ${percent(calls.commit.meanAccuracy)} · best-case calls ` +
        percent(calls.bestCase.meanAccuracy),
    );
  }
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description('Revenue forecast for a period, or --backtest to score it on past periods')
    .option('--period <period>', 'a year, quarter or month: 2026, 2026-Q1, 2026-03')
    .option('--pipeline <id-or-name>', 'one pipeline (default: all)')
    .option('--as-of <instant>', 'the forecast as it would have been made then (ISO 8601)')
    .option('--backtest', 'compare past forecasts with what was won')
    .option('--from <period>', 'backtest: the first period, e.g. 2025-01')
    .option('--to <period>', 'backtest: stop before this period, e.g. 2026-01')
    .option('--grain <grain>', 'backtest: month or quarter', 'month')
    .option('--json', 'print JSON instead of a table')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(async (options: ForecastOptions) => {
      if (options.backtest) {
        if (!options.from || !options.to) {
          throw new CliError(
            '--backtest needs --from and --to, e.g. --from 2025-01 --to 2026-01',
            2,
          );
        }
        if (options.grain !== 'month' && options.grain !== 'quarter') {
          throw new CliError('--grain must be month or quarter', 2);
        }
      } else if (!options.period) {
        throw new CliError('--period is required, e.g. --period 2026-Q1', 2);
      }
      const db = await openDatabase(loadConfig());
      try {
        const ctx = await cliContext(db, options.workspace);
        const { pipelineId } = await resolveSelectors(ctx, { pipeline: options.pipeline });
        if (options.backtest) {
          const backtest = await getBacktest(ctx, {
            from: options.from ?? '',
            to: options.to ?? '',
            grain: options.grain === 'quarter' ? 'quarter' : 'month',
            pipelineId,
          });
          if (options.json) console.log(JSON.stringify(backtest, null, 2));
          else printBacktest(backtest);
          return;
        }
        const forecast = await getForecast(ctx, {
          period: options.period ?? '',
          pipelineId,
          asOf: options.asOf,
        });
        if (options.json) console.log(JSON.stringify(forecast, null, 2));
        else printForecast(forecast);
      } finally {
        await db.destroy();
      }
    });
}
