import { z } from 'zod';
import { asOfParam } from './common.js';
import { withCustomFieldFilters } from './custom-field.schemas.js';

export const MoneySchema = z
  .object({ minor: z.number().int(), currency: z.string() })
  .meta({ id: 'Money' });

const Card = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    companyId: z.string().nullable(),
    companyName: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    amountMinor: z.number().int().nullable(),
    currency: z.string(),
    expectedCloseDate: z.string().nullable(),
    daysInStage: z.number().int(),
    nextStep: z.object({ subject: z.string(), dueAt: z.string().nullable() }).nullable(),
    isStale: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'BoardCard' });

export const Board = z
  .object({
    pipeline: z.object({ id: z.string(), nameEn: z.string(), nameAr: z.string() }),
    baseCurrency: z.string(),
    asOf: z.string().nullable().describe('The instant the board was rebuilt at; null for now'),
    columns: z.array(
      z.object({
        stage: z.object({
          id: z.string(),
          key: z.string(),
          nameEn: z.string(),
          nameAr: z.string(),
          kind: z.enum(['open', 'won']),
          probability: z.number().int(),
          position: z.number().int(),
        }),
        count: z.number().int(),
        total: MoneySchema,
        weighted: MoneySchema,
        unconvertedCurrencies: z.array(z.string()),
        cards: z.array(Card),
        nextCursor: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Board' });

export const BoardQuery = withCustomFieldFilters(
  z.object({
    pipelineId: z.string().optional(),
    ownerId: z.string().optional(),
    teamId: z.string().optional().describe('Deals owned by the team’s current members'),
    source: z.string().max(120).optional().describe('Where the deal came from, as recorded'),
    productId: z.string().optional().describe('Deals carrying this product among their items'),
    companyId: z.string().optional(),
    q: z.string().max(200).optional(),
    cardsPerStage: z.coerce.number().int().min(0).max(200).default(25),
    asOf: asOfParam(
      'Rebuild the board as it stood at this instant from the stage history (stage and ' +
        'status then; amounts and expected close dates are current values).',
    ),
  }),
).describe('The board’s filters, custom fields’ included (cf.<key>…, customField=…)');

export const ColumnCardsParams = z.object({ stageId: z.string() });

export const ColumnCardsQuery = withCustomFieldFilters(
  z.object({
    ownerId: z.string().optional(),
    teamId: z.string().optional().describe('Deals owned by the team’s current members'),
    source: z.string().max(120).optional().describe('Where the deal came from, as recorded'),
    productId: z.string().optional().describe('Deals carrying this product among their items'),
    companyId: z.string().optional(),
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(25),
    cursor: z
      .string()
      .optional()
      .describe("The column's nextCursor from the board, or from the previous page"),
  }),
).describe('The board’s filters, custom fields’ included (cf.<key>…, customField=…)');

export const ColumnCards = z
  .object({ cards: z.array(Card), nextCursor: z.string().nullable() })
  .meta({ id: 'ColumnCards' });
