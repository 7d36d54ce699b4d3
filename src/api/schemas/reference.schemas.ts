import { z } from 'zod';
import { RATE_PATTERN } from '../../services/pipeline/exchange-rate.service.js';
import { Currency, IsoDay } from './common.js';

const Label = z.string().trim().min(1).max(120);

export const LostReason = z
  .object({
    id: z.string(),
    labelEn: z.string(),
    labelAr: z.string(),
    position: z.number().int(),
    archived: z.boolean(),
    archivedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'LostReason' });

export const LostReasonListQuery = z.object({
  includeArchived: z.enum(['true', 'false']).default('false'),
});

export const CreateLostReasonBody = z
  .object({
    labelEn: Label,
    labelAr: Label,
    position: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const UpdateLostReasonBody = CreateLostReasonBody.partial().strict();

export const ExchangeRate = z
  .object({
    currency: z.string(),
    day: z.string(),
    rate: z.string().describe('1 unit of currency = rate units of the base currency'),
  })
  .meta({ id: 'ExchangeRate' });

export const ExchangeRateListQuery = z.object({ currency: Currency.optional() });

export const ExchangeRateParams = z.object({ currency: Currency, day: IsoDay });

export const SetExchangeRateBody = z
  .object({
    rate: z
      .string()
      .regex(RATE_PATTERN, 'A positive decimal such as 3.75, with at most 12 decimals')
      .describe('1 unit of the currency = rate units of the workspace’s base currency'),
  })
  .strict();
