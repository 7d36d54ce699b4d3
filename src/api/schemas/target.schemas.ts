import { z } from 'zod';
import { MoneySchema } from './board.schemas.js';
import { PeriodName } from './forecast.schemas.js';

const Scope = z
  .string()
  .max(80)
  .regex(/^(workspace|team:\S+|owner:\S+)$/, 'Use workspace, team:<team id> or owner:<user id>')
  .describe('workspace, team:<team id> or owner:<user id>');

export const Target = z
  .object({
    id: z.string(),
    scope: z.string(),
    period: z.object({ name: z.string(), from: z.string(), to: z.string() }),
    amount: MoneySchema.describe('In the workspace’s base currency when the target was set'),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Target' });

const editableFields = {
  scope: Scope,
  period: PeriodName,
  amountMinor: z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('Minor units of the base currency'),
};

export const CreateTargetBody = z.object(editableFields).strict();
export const UpdateTargetBody = z.object(editableFields).partial().strict();
export const TargetListQuery = z.object({ scope: Scope.optional() });
export const TargetProgressQuery = z.object({
  pipelineId: z
    .string()
    .optional()
    .describe('Whose stages "opportunities needed" lists; the default pipeline when absent'),
});

export const TargetProgress = z
  .object({
    target: Target,
    currency: z.string(),
    probabilityMode: z.enum(['configured', 'historical']),
    targetAmount: MoneySchema,
    wonSoFar: MoneySchema,
    remaining: MoneySchema,
    attainment: z.number().nullable(),
    openPipeline: z.object({ weighted: MoneySchema, unweighted: MoneySchema }),
    coverage: z
      .object({ weighted: z.number(), unweighted: z.number() })
      .nullable()
      .describe('Open pipeline closing in the period ÷ remaining; null once the target is met'),
    averageWonDeal: MoneySchema.nullable().describe('Over won deals of the last 12 months'),
    recentWonDeals: z.number().int(),
    pipelineId: z.string(),
    opportunitiesNeeded: z.array(
      z.object({
        stageId: z.string(),
        key: z.string(),
        nameEn: z.string(),
        nameAr: z.string(),
        probability: z.number(),
        needed: z
          .number()
          .int()
          .nullable()
          .describe('⌈ remaining / average won deal / probability ⌉ more deals entering it'),
      }),
    ),
    unconvertedCurrencies: z.array(z.string()),
    generatedAt: z.string(),
  })
  .meta({ id: 'TargetProgress' });
