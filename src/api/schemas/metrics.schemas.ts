import { z } from 'zod';
import { MoneySchema } from './board.schemas.js';
import { asOfParam, IsoDay } from './common.js';

const Share = z.number().min(0).max(1).nullable();
const Days = z.number().nullable();
const Count = z.number().int();
const StageRef = {
  stage: z.string().describe('The stage key'),
  nameEn: z.string(),
  nameAr: z.string(),
};
const CycleDays = z.object({ mean: Days, median: Days });

export const MetricsQuery = z
  .object({
    from: IsoDay.describe('First day of the period, in the workspace’s time zone'),
    to: IsoDay.describe('Day after the last day (the period is [from, to))'),
    pipelineId: z.string().min(1).max(64).optional().describe('Default: the default pipeline'),
    ownerId: z.string().min(1).max(64).optional(),
    teamId: z.string().min(1).max(64).optional(),
    source: z.string().min(1).max(120).optional(),
    asOf: asOfParam(
      'Read the history as it stood at this instant: rows at or after it are ignored.',
    ),
  })
  .refine((q) => q.from < q.to, { path: ['to'], message: 'Must be a day after from' });

export const Metrics = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    asOf: z.string().nullable(),
    timeZone: z.string(),
    baseCurrency: z.string(),
    pipeline: z.object({ id: z.string(), nameEn: z.string(), nameAr: z.string() }),
    filters: z.object({
      ownerId: z.string().nullable(),
      teamId: z.string().nullable(),
      source: z.string().nullable(),
    }),
    winRate: Share.describe('won / (won + lost) over deals closed in the period'),
    wonCount: Count,
    lostCount: Count,
    wonAmount: MoneySchema,
    wonByBusinessKind: z
      .object({
        newBusiness: MoneySchema,
        expansion: MoneySchema.describe('Upsells and cross-sells of won deals'),
        expansionCount: z.number().int(),
      })
      .describe('The won amount split: new business apart from expansion revenue'),
    averageWonAmount: MoneySchema.nullable(),
    salesCycleDays: CycleDays.describe('Opening to closing, over deals won in the period'),
    salesCycleDaysAllClosed: CycleDays.describe('The same over deals won or lost'),
    timeInStage: z.array(
      z.object({
        ...StageRef,
        completedVisits: Count,
        meanDays: Days,
        openDeals: Count,
        meanCurrentAgeDays: Days,
      }),
    ),
    stageConversion: z.array(
      z.object({ ...StageRef, entered: Count, advanced: Count, stillOpen: Count, rate: Share }),
    ),
    funnel: z.array(z.object({ ...StageRef, reached: Count, stepRate: Share, rateFromTop: Share })),
    leadVelocityRate: z.array(
      z.object({
        month: z.string().describe('YYYY-MM'),
        qualified: Count,
        rate: z.number().nullable().describe('Percent; null when the month before had none'),
      }),
    ),
    mqlToSql: z.object({
      mqlStage: z.string().nullable(),
      sqlStage: z.string().nullable(),
      mqls: Count,
      sqls: Count,
      rate: Share,
    }),
    salesVelocity: z.object({
      perDay: MoneySchema.nullable(),
      openDeals: Count,
    }),
    lostByReason: z.array(
      z.object({
        reasonId: z.string().nullable(),
        labelEn: z.string().nullable(),
        labelAr: z.string().nullable(),
        count: Count,
      }),
    ),
    lostByStage: z.array(z.object({ ...StageRef, count: Count })),
    leaderboard: z.array(
      z.object({
        ownerId: z.string().nullable(),
        ownerName: z.string().nullable(),
        wonCount: Count,
        lostCount: Count,
        wonAmount: MoneySchema,
        winRate: Share,
      }),
    ),
    unconvertedCurrencies: z.array(z.string()),
  })
  .meta({ id: 'Metrics' });
