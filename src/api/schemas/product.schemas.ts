import { z } from 'zod';
import { Currency } from './common.js';

export const Product = z
  .object({
    id: z.string(),
    name: z.string(),
    series: z.string().nullable(),
    listPriceMinor: z.number().int().nullable().describe('List price in minor units of currency'),
    currency: z.string(),
    createdAt: z.string().nullable(),
  })
  .meta({ id: 'Product' });

export const CreateProductBody = z
  .object({
    name: z.string().trim().min(1).max(300),
    series: z.string().trim().max(120).nullable().optional(),
    listPriceMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    currency: Currency.optional().describe('Default: the workspace’s base currency'),
  })
  .strict();
