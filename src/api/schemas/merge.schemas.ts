import { z } from 'zod';
import { Company } from './company.schemas.js';
import { Contact } from './contact.schemas.js';

export const MergeBody = z
  .object({
    duplicateId: z.string().min(1).max(64).describe('The record merged into the one in the path'),
    duplicateVersion: z
      .number()
      .int()
      .min(1)
      .describe('The duplicate’s version as last read; a stale one gets 409 (duplicate_changed)'),
  })
  .strict();

export const Merge = z
  .object({
    id: z.string(),
    kind: z.enum(['company', 'contact']),
    keptId: z.string(),
    mergedId: z.string().describe('The duplicate, soft-deleted by the merge'),
    mergedName: z.string(),
    actorUserId: z.string().nullable(),
    at: z.string().nullable(),
    filledFields: z
      .array(z.string())
      .describe('Fields of the kept record that were empty and took the duplicate’s value'),
    moved: z
      .object({
        deals: z.number().int(),
        contacts: z.number().int(),
        activities: z.number().int(),
        channels: z.number().int(),
        externalIds: z.number().int(),
      })
      .describe('How many rows moved from the duplicate to the kept record'),
    mergedRecord: z
      .record(z.string(), z.unknown())
      .describe('The duplicate as it was just before the merge (a Company or a Contact)'),
  })
  .meta({ id: 'RecordMerge' });

export const CompanyMergeResult = z.object({ company: Company, merge: Merge });
export const ContactMergeResult = z.object({ contact: Contact, merge: Merge });

export const MergeListQuery = z.object({
  kind: z.enum(['company', 'contact']).optional(),
  recordId: z
    .string()
    .max(64)
    .optional()
    .describe('Merges this record took part in, as the kept record or the merged one'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CompanyDuplicates = z.object({
  items: z.array(
    z.object({
      keep: Company.describe('The older of the two: the one to keep, as a suggestion'),
      duplicate: Company,
      reasons: z.array(z.enum(['same_domain', 'same_name', 'similar_name'])),
    }),
  ),
  truncated: z.boolean().describe('More than the 50 pairs shown were found'),
});

export const ContactDuplicates = z.object({
  items: z.array(
    z.object({
      keep: Contact.describe('The older of the two: the one to keep, as a suggestion'),
      duplicate: Contact,
      reasons: z.array(z.enum(['same_email', 'same_phone', 'same_name'])),
    }),
  ),
  truncated: z.boolean().describe('More than the 50 pairs shown were found'),
});
