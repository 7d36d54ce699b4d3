import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../services/records/activity.service.js';
import { Cursor, Direction, Limit } from './common.js';

const Instant = z.iso.datetime({ offset: true });

export const Activity = z
  .object({
    id: z.string(),
    kind: z.enum(ACTIVITY_KINDS),
    subject: z.string(),
    note: z.string().nullable(),
    dueAt: z.string().nullable(),
    isDone: z.boolean(),
    doneAt: z.string().nullable(),
    ownerId: z.string().nullable(),
    dealId: z.string().nullable(),
    companyId: z.string().nullable(),
    contactId: z.string().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Activity' });

const editableFields = {
  kind: z.enum(ACTIVITY_KINDS),
  subject: z.string().trim().min(1).max(300),
  note: z.string().max(10_000).nullable(),
  dueAt: Instant.nullable(),
  isDone: z.boolean(),
  ownerId: z.string().min(1).nullable(),
  dealId: z.string().min(1).nullable(),
  companyId: z.string().min(1).nullable(),
  contactId: z.string().min(1).nullable(),
};

export const CreateActivityBody = z
  .object({
    ...editableFields,
    doneAt: Instant.describe('When a done activity happened, e.g. a call logged afterwards'),
  })
  .partial()
  .required({ kind: true, subject: true })
  .strict();

export const UpdateActivityBody = z.object(editableFields).partial().strict();

export const ActivityListQuery = z.object({
  q: z.string().max(200).optional().describe('Folded search over subject and note'),
  dealId: z.string().optional(),
  companyId: z.string().optional(),
  contactId: z.string().optional(),
  ownerId: z.string().optional(),
  isDone: z.enum(['true', 'false']).optional(),
  direction: Direction.default('asc'),
  limit: Limit,
  cursor: Cursor,
});
