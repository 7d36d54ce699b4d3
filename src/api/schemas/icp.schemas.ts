import { z } from 'zod';

export const IcpCriterion = z
  .object({
    attribute: z
      .string()
      .max(80)
      .describe('`sector`, `size`, `country`, or `custom.<key>` for a company custom field'),
    values: z
      .array(z.string().max(200))
      .max(50)
      .describe('Any of these matches (case-insensitive)'),
    weight: z.number().int().describe('1 (nice to have) … 5 (must have)'),
  })
  .strict();

export const IcpBody = z.object({ criteria: z.array(IcpCriterion) }).strict();

export const Icp = z
  .object({
    criteria: z.array(IcpCriterion),
    attributes: z.array(
      z.object({
        attribute: z.string(),
        type: z.string().describe('`column` for a company column, else the custom field’s type'),
        labelEn: z.string(),
        labelAr: z.string(),
      }),
    ),
    version: z.number().int().describe('The workspace’s version'),
  })
  .meta({ id: 'Icp' });

export const IcpFit = z
  .object({
    percent: z
      .number()
      .int()
      .nullable()
      .describe('Weight of the criteria met over all (unknown counts as unmet); null: no profile'),
    reasons: z.array(
      IcpCriterion.extend({
        actual: z.array(z.string()),
        outcome: z.enum(['match', 'miss', 'unknown']),
      }),
    ),
  })
  .meta({ id: 'IcpFit' });

export const IcpSuggestionQuery = z.object({
  minDeals: z.coerce.number().int().min(5).max(10000).optional(),
});

export const IcpSuggestion = z
  .object({
    closedDeals: z.number().int(),
    baseWinRate: z.number().nullable(),
    minDeals: z.number().int(),
    threshold: z.number().describe('The p-value a value must beat: 0.05 over the values tested'),
    attributes: z.array(
      z.object({
        attribute: z.string(),
        values: z.array(
          z.object({
            value: z.string(),
            deals: z.number().int(),
            won: z.number().int(),
            winRate: z.number(),
            restWinRate: z.number(),
            pValue: z.number(),
            significant: z.boolean(),
          }),
        ),
      }),
    ),
    suggested: z.array(IcpCriterion),
  })
  .meta({ id: 'IcpSuggestion' });
