import { z } from 'zod';
import { DEAL_FLAG_KINDS } from '../../domain/requalification.js';
import { Activity } from './activity.schemas.js';

export const MyDayQuery = z.object({
  ownerId: z
    .string()
    .max(64)
    .optional()
    .describe('Another member’s day (managers and admins); default: yours'),
  teamId: z
    .string()
    .max(64)
    .optional()
    .describe('A team’s day, its current members’ (managers and admins)'),
});

export const MyDayTask = Activity.extend({
  dealTitle: z.string().nullable().describe('Title of the deal the activity is on'),
}).meta({ id: 'MyDayTask' });

export const DealLite = z
  .object({
    id: z.string(),
    title: z.string(),
    version: z.number().int(),
    stageId: z.string(),
    pipelineId: z.string(),
    ownerId: z.string().nullable(),
    amountMinor: z.number().int().nullable(),
    currency: z.string(),
    expectedCloseDate: z.string().nullable(),
    companyId: z.string().nullable(),
    companyName: z.string().nullable(),
    nextStep: z
      .object({ activityId: z.string(), subject: z.string(), dueAt: z.string().nullable() })
      .nullable()
      .describe('The open activity with the earliest due date (may be overdue)'),
  })
  .meta({ id: 'DealLite' });

export const MyDay = z
  .object({
    day: z.iso.date().describe('Today in the workspace’s time zone'),
    timeZone: z.string(),
    ownerId: z.string().nullable(),
    teamId: z.string().nullable(),
    limit: z.number().int().describe('The most entries any list holds'),
    overdueTasks: z.array(MyDayTask).describe('Open, due before today’s start; oldest first'),
    todayTasks: z.array(MyDayTask).describe('Open, due today; soonest first'),
    dealsWithoutNextStep: z
      .array(DealLite)
      .describe(
        'Open deals with no open activity that has a due date; least recently touched first',
      ),
    staleDeals: z
      .array(DealLite)
      .describe('Open deals rotting by their stage’s rotting days; least recently touched first'),
    closingThisMonth: z
      .array(DealLite)
      .describe('Open deals expected to close this month; soonest first'),
    toRequalify: z
      .array(
        DealLite.extend({
          flag: z.object({
            id: z.string(),
            kind: z.enum(DEAL_FLAG_KINDS),
            contactName: z.string().nullable(),
          }),
        }),
      )
      .describe('Open deals whose decision maker left, to send back to qualification or not'),
    truncated: z.object({
      overdueTasks: z.boolean(),
      todayTasks: z.boolean(),
      dealsWithoutNextStep: z.boolean(),
      staleDeals: z.boolean(),
      closingThisMonth: z.boolean(),
      toRequalify: z.boolean(),
    }),
  })
  .meta({ id: 'MyDay' });

export const StaleDigest = z
  .object({
    day: z.string().describe('The workspace’s day the digest is of'),
    madeAt: z.string().describe('When it was made: its first reading that day, or the worker'),
    readAt: z.string().nullable(),
    staleCount: z.number().int().describe('Stale open deals of the person when it was made'),
    newCount: z.number().int().describe('Of them, those not in the person’s previous digest'),
    deals: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        stageId: z.string(),
        isNew: z.boolean(),
        daysUntouched: z.number().int(),
      }),
    ),
    dealtWith: z.number().int().describe('Stale when it was made, no longer stale now'),
  })
  .meta({ id: 'StaleDigest' });
