import { z } from 'zod';
import { REVIEW_ACTIONS, REVIEW_SECTIONS } from '../../domain/review.js';
import { ACTIVITY_KINDS } from '../../services/records/activity.service.js';
import { ErrorResponse, IsoDay } from './common.js';
import { Deal } from './deal.schemas.js';

export const ReviewQuery = z.object({
  pipelineId: z.string().max(64).optional().describe('One pipeline; absent: every pipeline'),
  ownerId: z
    .string()
    .max(64)
    .optional()
    .describe('One owner’s deals (someone else’s: managers and admins only)'),
  teamId: z.string().max(64).optional().describe('A team’s deals (managers and admins only)'),
});

const ReviewDeal = z.object({
  id: z.string(),
  title: z.string(),
  version: z.number().int(),
  pipelineId: z.string(),
  stageId: z.string(),
  ownerId: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string(),
  expectedCloseDate: z.string().nullable(),
  daysInStage: z.number().int(),
  lastTouchAt: z.string().describe('The later of the last stage change and the last activity done'),
  rottingDays: z.number().int().nullable(),
  valueVerifiedAt: z.string().nullable(),
  slip: z
    .object({ pushes: z.number().int(), daysPushed: z.number().int() })
    .describe('Close-date pushes in the lookback window, from the field history'),
  nextStep: z
    .object({ activityId: z.string(), subject: z.string(), dueAt: z.string().nullable() })
    .nullable(),
  sections: z.array(z.enum(REVIEW_SECTIONS)).describe('Every section the deal is in'),
});

const Section = z.object({ total: z.number().int(), deals: z.array(ReviewDeal) });

export const ReviewWorklist = z
  .object({
    day: z.string(),
    timeZone: z.string(),
    pipelineId: z.string().nullable(),
    ownerId: z.string().nullable(),
    teamId: z.string().nullable(),
    limit: z.number().int(),
    slipLookbackDays: z.number().int(),
    sections: z.object(
      Object.fromEntries(REVIEW_SECTIONS.map((s) => [s, Section])) as Record<
        (typeof REVIEW_SECTIONS)[number],
        typeof Section
      >,
    ),
  })
  .meta({ id: 'ReviewWorklist' });

export const Review = z
  .object({
    id: z.string(),
    reviewerUserId: z.string().nullable(),
    pipelineId: z.string().nullable(),
    ownerId: z.string().nullable(),
    teamId: z.string().nullable(),
    startedAt: z.string(),
    closedAt: z.string().nullable(),
    summary: z.string().nullable(),
    found: z
      .record(z.string(), z.number().int())
      .describe('How many deals each section held when the review started'),
    decisionCount: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Review' });

export const ReviewDetail = z
  .object({
    review: Review,
    decisions: z.array(
      z.object({
        id: z.string(),
        dealId: z.string(),
        dealTitle: z.string(),
        action: z.enum(REVIEW_ACTIONS),
        detail: z.record(z.string(), z.unknown()),
        at: z.string(),
        actorUserId: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewDetail' });

export const StartReviewBody = ReviewQuery.strict();

export const CloseReviewBody = z
  .object({
    isClosed: z.boolean().describe('true closes the review; false reopens it'),
    summary: z.string().trim().max(5000).nullish(),
  })
  .strict();

const Selected = z
  .array(z.object({ id: z.string().min(1).max(64), version: z.number().int().min(1) }).strict())
  .min(1)
  .max(500)
  .describe('The deals to act on, each with the version the reviewer saw');

const Reason = z.string().trim().max(500).nullish();

export const ReviewActionBody = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('nextStep'),
      deals: Selected,
      subject: z.string().trim().min(1).max(300),
      kind: z.enum(ACTIVITY_KINDS),
      dueAt: z.iso.datetime({ offset: true }),
    })
    .strict(),
  z
    .object({
      action: z.literal('move'),
      deals: Selected,
      stageId: z.string().min(1),
      reason: Reason,
    })
    .strict(),
  z
    .object({
      action: z.literal('lose'),
      deals: Selected,
      lostReasonId: z.string().min(1),
      note: z.string().trim().max(2000).nullish(),
    })
    .strict(),
  z.object({ action: z.literal('reassign'), deals: Selected, ownerId: z.string().min(1) }).strict(),
  z
    .object({ action: z.literal('pushCloseDate'), deals: Selected, expectedCloseDate: IsoDay })
    .strict(),
  z.object({ action: z.literal('verifyValue'), deals: Selected }).strict(),
]);

export const ReviewActionResult = z
  .object({
    review: Review,
    results: z.array(
      z.object({
        dealId: z.string(),
        outcome: z
          .enum(['done', 'conflict', 'refused'])
          .describe('conflict: someone changed the deal meanwhile; refused: a rule said no'),
        deal: Deal.nullable().describe('The deal after the action, or as it is now on a conflict'),
        error: ErrorResponse.shape.error.nullable(),
      }),
    ),
  })
  .meta({ id: 'ReviewActionResult' });
