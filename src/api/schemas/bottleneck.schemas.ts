import { z } from 'zod';

export const BottleneckQuery = z.object({
  pipelineId: z.string().optional(),
  days: z.coerce.number().int().min(1).max(365).default(30),
});

const Conversion = z.object({
  entered: z.number().int(),
  converted: z.number().int(),
  pending: z.number().int().describe('Still open in the stage at the window’s end'),
  decided: z.number().int(),
  rate: z.number().nullable().describe('converted / decided'),
});

const Visits = z.object({ visits: z.number().int(), meanDays: z.number().nullable() });
const Window = z.object({ from: z.string(), to: z.string() });

export const Bottlenecks = z
  .object({
    pipelineId: z.string(),
    days: z.number().int(),
    baselineDays: z.number().int(),
    windows: z.object({ recent: Window, baseline: Window }),
    rule: z.object({
      timeRatio: z.number(),
      minVisits: z.number().int(),
      conversionDropPoints: z.number(),
      minEntries: z.number().int(),
    }),
    stages: z.array(
      z.object({
        stage: z.object({
          id: z.string(),
          key: z.string(),
          nameEn: z.string(),
          nameAr: z.string(),
        }),
        timeInStage: z.object({
          recent: Visits,
          baseline: Visits,
          ratio: z.number().nullable(),
          isFlagged: z.boolean(),
        }),
        conversion: z.object({
          recent: Conversion,
          baseline: Conversion,
          dropPoints: z.number().nullable(),
          isFlagged: z.boolean(),
        }),
        isBottleneck: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Bottlenecks' });
