import { z } from 'zod';
import { CONFIDENCES } from '../../domain/qualification.js';
import { DEAL_FLAG_KINDS } from '../../domain/requalification.js';
import { AMOUNT_SOURCES, BUSINESS_KINDS, DEAL_STATUSES } from '../../domain/deal.js';
import { Currency, Cursor, Direction, IsoDay, Limit } from './common.js';
import {
  CUSTOM_FIELD_FILTER_HELP,
  CustomFieldSort,
  CustomFieldValues,
  CustomFieldValuesInput,
  withCustomFieldFilters,
} from './custom-field.schemas.js';

const DealContactLink = z.object({
  contactId: z.string().min(1),
  role: z.string().max(60).nullable().default(null),
});

const BantAnswer = z
  .object({
    value: z.string().trim().min(1).max(1000).describe('What the rep learned'),
    confidence: z
      .enum(CONFIDENCES)
      .describe('How sure: a guess (low), fairly (medium), sure (high)'),
  })
  .strict();

export const Qualification = z
  .object({
    need: BantAnswer.nullable(),
    budget: BantAnswer.nullable(),
    authority: BantAnswer.nullable(),
    timing: BantAnswer.nullable(),
    score: z
      .number()
      .int()
      .describe('0–100: each part 25 points, in full when sure, 2/3 fairly sure, 1/3 a guess'),
  })
  .meta({ id: 'Qualification' });

export const QualificationBody = z
  .object({
    need: BantAnswer.nullable().optional(),
    budget: BantAnswer.nullable().optional(),
    authority: BantAnswer.nullable().optional(),
    timing: BantAnswer.nullable().optional(),
  })
  .strict();

export const Deal = z
  .object({
    id: z.string(),
    pipelineId: z.string(),
    stageId: z.string(),
    title: z.string(),
    companyId: z.string().nullable(),
    ownerId: z.string().nullable(),
    amountMinor: z.number().int().nullable(),
    currency: z.string(),
    amountSource: z.enum(AMOUNT_SOURCES),
    expectedCloseDate: z.string().nullable(),
    probabilityOverride: z.number().int().nullable(),
    source: z.string().nullable(),
    businessKind: z.enum(BUSINESS_KINDS).describe('new business, or an upsell or cross-sell'),
    originDealId: z.string().nullable().describe('The won deal an upsell or cross-sell comes from'),
    status: z.enum(DEAL_STATUSES),
    lostReasonId: z.string().nullable(),
    lostNote: z.string().nullable(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    stageEnteredAt: z.string().nullable(),
    lastActivityAt: z.string().nullable(),
    valueVerifiedAt: z
      .string()
      .nullable()
      .describe('When the amount was last confirmed with the buyer; a new amount clears it'),
    valueVerifiedBy: z.string().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    version: z.number().int(),
    contacts: z.array(z.object({ contactId: z.string(), role: z.string().nullable() })),
    externalIds: z
      .array(
        z.object({
          source: z.string().describe('The system the id comes from, e.g. pipedrive or hubspot'),
          id: z.string().describe('The deal’s id there'),
        }),
      )
      .describe('Ids the deal had in systems it was imported from, so an old record can be found'),
    customFields: CustomFieldValues,
    qualification: Qualification,
    flags: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(DEAL_FLAG_KINDS),
          contactId: z.string().nullable(),
          contactName: z.string().nullable(),
          note: z.string().nullable(),
          raisedAt: z.string(),
        }),
      )
      .describe(
        'What puts the deal in doubt and waits for its owner, e.g. its decision maker left',
      ),
    isStale: z
      .boolean()
      .describe(
        'Open, nothing done and no stage change for longer than its stage’s rotting days, ' +
          'and no step planned ahead',
      ),
  })
  .meta({ id: 'Deal' });

const editableFields = {
  title: z.string().trim().min(1).max(300),
  companyId: z.string().min(1).nullable(),
  ownerId: z.string().min(1).nullable(),
  amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  currency: Currency,
  amountSource: z.enum(AMOUNT_SOURCES),
  expectedCloseDate: IsoDay.nullable(),
  probabilityOverride: z.number().int().min(0).max(100).nullable(),
  source: z.string().max(120).nullable(),
  contacts: z.array(DealContactLink).max(100),
  customFields: CustomFieldValuesInput,
};

export const CreateDealBody = z
  .object({
    ...editableFields,
    pipelineId: z.string().min(1),
    stageId: z.string().min(1),
    openedAt: z.iso.datetime({ offset: true }),
    businessKind: z
      .enum(BUSINESS_KINDS)
      .describe('new (default), or an upsell or cross-sell of the won deal `originDealId`'),
    originDealId: z.string().min(1).describe('The won deal an upsell or cross-sell comes from'),
  })
  .partial()
  .required({ title: true })
  .strict();

export const UpdateDealBody = z.object(editableFields).partial().strict();

/** The deal list's own parameters (exports reuse them); DealListQuery adds custom fields. */
export const DealListFields = z.object({
  pipelineId: z.string().optional(),
  stageId: z.string().optional(),
  status: z.enum(DEAL_STATUSES).optional(),
  ownerId: z.string().optional(),
  companyId: z.string().optional(),
  contactId: z.string().optional(),
  teamId: z.string().optional().describe('Deals owned by the team’s current members'),
  source: z.string().max(120).optional().describe('Where the deal came from, as recorded'),
  productId: z.string().optional().describe('Deals carrying this product among their items'),
  originDealId: z.string().optional().describe('The upsells and cross-sells of this won deal'),
  q: z.string().max(200).optional(),
  externalId: z
    .string()
    .max(200)
    .optional()
    .describe('Deals that had this id in a system they were imported from'),
  externalSource: z
    .string()
    .max(100)
    .optional()
    .describe('With externalId: only ids from this system (e.g. pipedrive)'),
  sort: z
    .union([
      z.enum(['updatedAt', 'createdAt', 'title', 'amount', 'expectedCloseDate', 'stageEnteredAt']),
      CustomFieldSort,
    ])
    .default('updatedAt')
    .describe('A column, or cf.<key> for a custom field (deals without a value first, ascending)'),
  direction: Direction.default('desc'),
  limit: Limit,
  cursor: Cursor,
});

export const DealListQuery =
  withCustomFieldFilters(DealListFields).describe(CUSTOM_FIELD_FILTER_HELP);

export const MoveBody = z
  .object({ stageId: z.string().min(1), reason: z.string().trim().max(500).nullish() })
  .strict();
export const WinBody = z.object({ reason: z.string().trim().max(500).nullish() }).strict();
export const LoseBody = z
  .object({ lostReasonId: z.string().min(1), note: z.string().trim().max(2000).nullish() })
  .strict();
export const ReopenBody = z
  .object({ reason: z.string().trim().min(1).max(500), stageId: z.string().min(1).nullish() })
  .strict();

const StageEntry = z
  .object({
    kind: z.literal('stage'),
    id: z.string(),
    fromStageId: z.string().nullable(),
    toStageId: z.string(),
    fromStatus: z.enum(DEAL_STATUSES).nullable(),
    toStatus: z.enum(DEAL_STATUSES),
    at: z.string().nullable(),
    actorUserId: z.string().nullable(),
    reason: z.string().nullable(),
    lostReasonId: z.string().nullable(),
  })
  .meta({ id: 'StageHistoryEntry' });

const FieldEntry = z
  .object({
    kind: z.literal('field'),
    id: z.string(),
    field: z.string().meta({
      description:
        'amount, currency, amountSource, expectedCloseDate, owner, probability, pipeline, ' +
        'or cf.<key> for a tracked custom field',
    }),
    from: z
      .string()
      .nullable()
      .meta({
        description:
          'The value before, as text: amounts in minor units, days YYYY-MM-DD, owners and ' +
          'pipelines by id, custom fields as the JSON of their API value; null for none',
      }),
    to: z.string().nullable(),
    at: z.string().nullable(),
    actorUserId: z.string().nullable(),
    source: z.enum(['person', 'token', 'import', 'rule']),
  })
  .meta({ id: 'FieldHistoryEntry' });

export const HistoryEntry = z
  .discriminatedUnion('kind', [StageEntry, FieldEntry])
  .meta({ id: 'DealHistoryEntry' });

export const RequalifyBody = z
  .object({
    flagId: z.string().min(1).describe('The flag answered, e.g. decision_maker_left'),
    reason: z
      .string()
      .trim()
      .max(500)
      .nullish()
      .describe('The move’s reason in the mover’s words; default “Decision maker left: <name>”'),
  })
  .strict();

export const FlagParams = z.object({
  id: z.string().min(1).max(64),
  flagId: z.string().min(1).max(64),
});
