import { z } from 'zod';
export const DealItem = z
  .object({
    id: z.string(),
    productId: z.string(),
    productName: z.string(),
    quantity: z.number().int().describe('Whole units'),
    unitPriceMinor: z
      .number()
      .int()
      .nullable()
      .describe('Minor units of currency; null only for an imported item without a list price'),
    discountPercent: z.number().describe('0 to 100, up to two decimals (12.5 = 12.5 %)'),
    currency: z.string().describe('The deal’s currency for every item written through the API'),
    totalMinor: z
      .number()
      .int()
      .nullable()
      .describe('round(quantity × unit price × (1 − discount)), half away from zero'),
  })
  .meta({ id: 'DealItem' });

export const DealItems = z
  .object({
    dealId: z.string(),
    dealVersion: z.number().int().describe('Send it in If-Match to replace the items'),
    currency: z.string().describe('The deal’s currency'),
    amountMinor: z.number().int().nullable().describe('The deal’s amount'),
    items: z.array(DealItem),
    totalMinor: z
      .number()
      .int()
      .nullable()
      .describe('Sum of the item totals; null when an item has no price or another currency'),
    amountMatchesItems: z
      .boolean()
      .describe('The deal’s amount equals the items’ total (true without items)'),
  })
  .meta({ id: 'DealItems' });

/** At most two decimals, checked exactly in the service (12.5 and 0.07 pass, 12.345 fails). */
const DiscountPercent = z.number().min(0).max(100);

export const ReplaceDealItemsBody = z
  .object({
    items: z
      .array(
        z
          .object({
            productId: z.string().min(1),
            quantity: z.number().int().min(1).max(1_000_000_000).describe('Whole units, ≥ 1'),
            unitPriceMinor: z
              .number()
              .int()
              .min(0)
              .max(Number.MAX_SAFE_INTEGER)
              .optional()
              .describe(
                'In minor units of the deal’s currency; default the product’s list price ' +
                  '(which must then be in the deal’s currency)',
              ),
            discountPercent: DiscountPercent.optional().describe('0 to 100, up to two decimals'),
          })
          .strict(),
      )
      .max(200),
    useAsAmount: z
      .boolean()
      .optional()
      .describe('Also set the deal’s amount to the items’ total (in the deal’s currency)'),
  })
  .strict();
