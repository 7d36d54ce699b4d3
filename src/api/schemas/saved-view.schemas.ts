import { z } from 'zod';

export const SavedView = z
  .object({
    id: z.string(),
    kind: z.enum(['board']),
    name: z.string(),
    pipelineId: z.string().nullable().describe('The pipeline the view shows; null: the default'),
    filters: z
      .record(z.string(), z.string())
      .describe(
        'The board’s filters by their query names: ownerId, teamId, source, productId, q, cf.<key>…',
      ),
    isShared: z.boolean().describe('Seen by everyone in the workspace; else by its owner alone'),
    ownerId: z.string(),
    isMine: z.boolean().describe('Saved by the caller: theirs to change or delete'),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'SavedView' });

const editable = {
  name: z.string().trim().min(1).max(80),
  pipelineId: z.string().min(1).nullable(),
  filters: z.record(z.string().max(80), z.string()),
  isShared: z.boolean(),
};

export const CreateSavedViewBody = z
  .object({ ...editable, kind: z.enum(['board']) })
  .partial({ pipelineId: true, isShared: true })
  .strict();

export const UpdateSavedViewBody = z.object(editable).partial().strict();

export const SavedViewListQuery = z.object({ kind: z.enum(['board']).default('board') });
