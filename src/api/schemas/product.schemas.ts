import { z } from 'zod';

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
