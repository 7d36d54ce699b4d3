import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { parsePeriod } from '../../domain/period.js';
import { MoneySchema } from './board.schemas.js';
import { asOfParam } from './common.js';

function isPeriodName(text: string): boolean {
  try {
    parsePeriod(text);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/** A period name, read in the workspace's time zone. */
export const PeriodName = z
  .string()
  .max(40)
  .refine(isPeriodName, 'Use 2026, 2026-Q1, 2026-03 or 2026-01-01..2026-04-01')
  .describe('A year (2026), quarter (2026-Q1), month (2026-03) or days (2026-01-01..2026-04-01)');

const AsOf = asOfParam('An instant in the past: the answer as it would have been given then.');

const ScopeFilters = {
  pipelineId: z.string().optional().describe('One pipeline; all pipelines when absent'),
  ownerId: z.string().optional(),
  teamId: z.string().optional().describe('Deals owned by the team’s current members'),
};

export const ForecastQuery = z.object({ period: PeriodName, ...ScopeFilters, asOf: AsOf });

const PeriodView = z.object({ name: z.string(), from: z.string(), to: z.string() });

const CategoryTotals = z.object({
  count: z.number().int(),
  amount: MoneySchema,
  weighted: MoneySchema,
});

export const Forecast = z
  .object({
    period: PeriodView,
    currency: z.string(),
    timeZone: z.string(),
    asOf: z.string().nullable(),
    probabilityMode: z.enum(['configured', 'historical']),
    wonSoFar: MoneySchema,
    wonCount: z.number().int(),
    weightedOpen: MoneySchema,
    expected: MoneySchema.describe('Won so far + weighted open'),
    standardDeviation: MoneySchema.describe('√Σ a²·p·(1−p) over open deals'),
    range: z
      .object({ low: MoneySchema, high: MoneySchema })
      .describe('expected ± 1.645 σ (90 %), the low end never below won so far'),
    byCategory: z.object({
      commit: CategoryTotals,
      best_case: CategoryTotals,
      pipeline: CategoryTotals,
    }),
    overdue: z
      .object({ count: z.number().int(), amount: MoneySchema })
      .describe('Open deals expected to close before the period: not in the forecast'),
    unconvertedCurrencies: z.array(z.string()),
    generatedAt: z.string(),
  })
  .meta({ id: 'Forecast' });

export const BacktestQuery = z.object({
  from: PeriodName.describe('The first period, e.g. 2025-01'),
  to: PeriodName.describe('The range stops before this period, e.g. 2026-01'),
  grain: z.enum(['month', 'quarter']).default('month'),
  ...ScopeFilters,
});

const BacktestSummary = z
  .object({
    meanAccuracy: z.number().nullable(),
    weightedError: z.number().nullable().describe('Σ|actual − forecast| / Σ actual'),
    weightedAccuracy: z.number().nullable(),
    periodsScored: z.number().int(),
  })
  .meta({ id: 'BacktestSummary' });

export const Backtest = z
  .object({
    grain: z.enum(['month', 'quarter']),
    currency: z.string(),
    probabilityMode: z.enum(['configured', 'historical']),
    periods: z.array(
      z.object({
        period: PeriodView,
        forecast: MoneySchema,
        range: z.object({ low: MoneySchema, high: MoneySchema }),
        actual: MoneySchema,
        error: MoneySchema.describe('forecast − actual'),
        accuracy: z.number().nullable().describe('max(0, 1 − |actual − forecast| / actual)'),
        openDeals: z.number().int(),
        wonDeals: z.number().int(),
        call: z
          .object({
            commit: MoneySchema,
            bestCase: MoneySchema,
            basis: z.enum(['own', 'members']).describe('members: the sum of the members’ calls'),
            submittedAt: z.string(),
            commitAccuracy: z.number().nullable(),
            bestCaseAccuracy: z.number().nullable(),
          })
          .nullable()
          .describe('The call in force at the period’s first instant, scored like the model'),
      }),
    ),
    overall: BacktestSummary,
    calls: z
      .object({
        periodsCalled: z.number().int(),
        model: BacktestSummary.describe('The model, on the periods that had a call'),
        commit: BacktestSummary,
        bestCase: BacktestSummary,
      })
      .describe('Who forecasts better: the model and the calls on the same periods'),
    generatedAt: z.string(),
  })
  .meta({ id: 'ForecastBacktest' });

export const ProbabilityQuery = z.object({
  windowMonths: z.coerce.number().int().min(1).max(60).optional(),
  asOf: AsOf,
});

export const StageProbabilities = z
  .object({
    pipelineId: z.string(),
    probabilityMode: z.enum(['configured', 'historical']),
    priorWeight: z.number().int(),
    window: z.object({ from: z.string(), to: z.string(), months: z.number().int() }),
    stages: z.array(
      z.object({
        stageId: z.string(),
        key: z.string(),
        nameEn: z.string(),
        nameAr: z.string(),
        kind: z.enum(['open', 'won']),
        configured: z.number().describe('Share in [0, 1]'),
        historical: z.number().describe('(won + 20 × configured) / (sample + 20), to 0.01 %'),
        observed: z.number().nullable().describe('won / sample, before shrinking'),
        sampleSize: z.number().int(),
        wonCount: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'StageProbabilities' });

const CallScope = z.enum(['own', 'team', 'workspace']);

export const ForecastCallBody = z
  .object({
    period: PeriodName,
    scope: CallScope.describe('own: the caller’s deals; team and workspace: managers and admins'),
    teamId: z.string().optional().describe('With scope team'),
    pipelineId: z.string().optional().describe('One pipeline; all pipelines when absent'),
    commitMinor: z.number().int().min(0).describe('Base currency, minor units'),
    bestCaseMinor: z.number().int().min(0).describe('At least the commit'),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict();

export const ForecastCall = z
  .object({
    id: z.string(),
    userId: z.string(),
    userName: z.string(),
    scope: CallScope,
    teamId: z.string().nullable(),
    pipelineId: z.string().nullable(),
    period: z.object({ from: z.string(), to: z.string() }),
    commit: MoneySchema,
    bestCase: MoneySchema,
    note: z.string().nullable(),
    submittedAt: z.string(),
  })
  .meta({ id: 'ForecastCall' });

export const ForecastCallQuery = z.object({
  period: PeriodName,
  pipelineId: z.string().optional(),
});

const RollupRow = z
  .object({
    scope: CallScope,
    id: z.string().nullable().describe('The member’s or the team’s id; null for the workspace'),
    name: z.string(),
    call: z
      .object({
        commit: MoneySchema,
        bestCase: MoneySchema,
        basis: z.enum(['own', 'members']),
        calls: z.number().int(),
        submittedAt: z.string(),
      })
      .nullable()
      .describe('The call in force now; null when nobody called'),
    model: MoneySchema.describe('The model’s expected revenue of the same deals'),
    range: z.object({ low: MoneySchema, high: MoneySchema }),
    wonSoFar: MoneySchema,
    weightedPipeline: MoneySchema,
    commitPipeline: MoneySchema.describe('Open amount in commit stages'),
    bestCasePipeline: MoneySchema.describe('Open amount in best-case stages'),
  })
  .meta({ id: 'ForecastRollupRow' });

export const ForecastRollup = z
  .object({
    period: PeriodView,
    pipelineId: z.string().nullable(),
    people: z.array(RollupRow),
    teams: z.array(RollupRow),
    total: RollupRow.nullable().describe('The workspace; null for a rep'),
    generatedAt: z.string(),
  })
  .meta({ id: 'ForecastRollup' });
