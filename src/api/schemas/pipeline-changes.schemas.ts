import { z } from 'zod';
import { MOVE_REASONS, STEP_KINDS } from '../../domain/pipeline-changes.js';
import { MoneySchema } from './board.schemas.js';
import { IsoDay } from './common.js';
import { PeriodName } from './forecast.schemas.js';

const Instant = z.union([z.iso.datetime({ offset: true }), IsoDay]);

export const PipelineChangesQuery = z.object({
  from: Instant.describe('The start: a day (its start in the workspace’s time zone) or an instant'),
  to: Instant.optional().describe('The end, the same way; now when absent. After `from`.'),
  period: PeriodName.optional().describe(
    'Only deals expected to close in this period; every open deal when absent',
  ),
  pipelineId: z.string().optional().describe('One pipeline; the default one when absent'),
  ownerId: z.string().optional(),
  teamId: z.string().optional().describe('Deals owned by the team’s current members'),
  source: z.string().optional(),
  groupBy: z.enum(['none', 'stage', 'owner', 'category']).default('none'),
  dealsPerStep: z.coerce.number().int().min(0).max(500).default(50),
});

const Reason = z.enum(MOVE_REASONS).nullable();

const Step = z.object({
  kind: z.enum([...STEP_KINDS, 'exchangeRates']),
  count: z.number().int().describe('Deals in the step (all of them, listed or not)'),
  amount: MoneySchema.describe('Signed, in the base currency at the end’s exchange rates'),
  deals: z
    .array(
      z.object({
        dealId: z.string(),
        title: z.string(),
        amount: MoneySchema.describe('Signed, in the deal’s own currency'),
        reason: Reason,
      }),
    )
    .describe('The largest first, up to `dealsPerStep`'),
});

const Side = z.object({ count: z.number().int(), amount: MoneySchema });
const Waterfall = { start: Side, steps: z.array(Step), end: Side };

export const PipelineChanges = z
  .object({
    from: z.string(),
    to: z.string(),
    period: z.object({ name: z.string(), from: z.string(), to: z.string() }).nullable(),
    pipeline: z.object({ id: z.string(), nameEn: z.string(), nameAr: z.string() }),
    baseCurrency: z.string(),
    timeZone: z.string(),
    groupBy: z.enum(['none', 'stage', 'owner', 'category']),
    total: z.object(Waterfall),
    groups: z.array(
      z.object({
        key: z.string().describe('A stage id, an owner id ("" for no owner) or a category'),
        label: z.object({ en: z.string(), ar: z.string() }).nullable(),
        ...Waterfall,
      }),
    ),
    deals: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        ownerId: z.string().nullable(),
        ownerName: z.string().nullable(),
        closeDatePushes: z.number().int().describe('Close date moved later, between from and to'),
        amountDecreased: z.boolean(),
        stageRegressed: z.boolean().describe('Moved back to an earlier open stage'),
        stuck: z.boolean().describe('Open at the end, longer in its stage than the stage allows'),
      }),
    ),
    unconvertedCurrencies: z.array(z.string()),
  })
  .meta({ id: 'PipelineChanges' });
