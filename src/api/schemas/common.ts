import { z } from 'zod';

export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          message: z.string(),
          code: z.string().optional(),
        }),
      ),
      current: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** The error responses every authenticated route can give. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  409: ErrorResponse,
  422: ErrorResponse,
  428: ErrorResponse,
} as const;

export const Direction = z.enum(['asc', 'desc']);
export const Limit = z.coerce.number().int().min(1).max(500).default(50);
export const Cursor = z.string().max(500).optional();

export const IsoDay = z.iso.date();

/**
 * "As of" on every pipeline view (board, metrics, forecast, probabilities): a zoned ISO 8601
 * instant, or a day meaning its start in the workspace's time zone; never in the future.
 */
export function asOfParam(description: string) {
  return z
    .union([z.iso.datetime({ offset: true }), IsoDay])
    .optional()
    .describe(
      `${description} A day means its start in the workspace’s time zone; not in the future.`,
    );
}
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO-4217 code such as USD or SAR');
export const Locale = z.enum(['en', 'ar']);

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const NoContent = z.null().describe('No content');
