import { z } from 'zod';
import { EXIT_CRITERIA } from '../../domain/stage.js';

const StageKind = z.enum(['open', 'won']);
const ForecastCategory = z.enum(['pipeline', 'best_case', 'commit']);
const Name = z.string().trim().min(1).max(120);
const Position = z.number().int().min(1).max(1000);

export const Stage = z
  .object({
    id: z.string(),
    pipelineId: z.string(),
    key: z.string(),
    nameEn: z.string(),
    nameAr: z.string(),
    position: z.number().int(),
    kind: StageKind,
    probability: z.number().int(),
    forecastCategory: ForecastCategory,
    rottingDays: z.number().int().nullable(),
    exitCriteria: z.array(z.enum(EXIT_CRITERIA)),
    isFirstQualified: z.boolean(),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Stage' });

const FollowUpTask = z
  .object({
    kind: z.enum(['call', 'email', 'meeting', 'task']),
    subjectEn: z.string().trim().min(1).max(300),
    subjectAr: z.string().trim().min(1).max(300),
    days: z.number().int().min(0).max(3650).describe('Due this many days after the win, at 09:00'),
  })
  .strict();

export const Pipeline = z
  .object({
    id: z.string(),
    nameEn: z.string(),
    nameAr: z.string(),
    position: z.number().int(),
    isDefault: z.boolean(),
    archived: z.boolean(),
    followUpTasks: z
      .array(FollowUpTask)
      .describe('The tasks a won deal’s owner gets, in the owner’s language'),
    createdAt: z.string().nullable(),
    version: z.number().int(),
    stages: z.array(Stage).describe('Active stages in board order, then archived ones'),
  })
  .meta({ id: 'Pipeline' });

const stageSettings = {
  nameEn: Name,
  nameAr: Name,
  kind: StageKind,
  probability: z.number().int().min(0).max(100),
  forecastCategory: ForecastCategory,
  rottingDays: z.number().int().min(1).max(3650).nullable(),
  exitCriteria: z.array(z.enum(EXIT_CRITERIA)).max(EXIT_CRITERIA.length),
  isFirstQualified: z.boolean(),
};

const NewStage = z
  .object({
    ...stageSettings,
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,59}$/, 'Lowercase letters, digits and _, starting with a letter')
      .optional(),
    kind: StageKind.default('open'),
  })
  .partial({
    forecastCategory: true,
    rottingDays: true,
    exitCriteria: true,
    isFirstQualified: true,
  })
  .strict();

export const CreatePipelineBody = z
  .object({
    nameEn: Name,
    nameAr: Name,
    position: Position.optional(),
    isDefault: z.literal(true).optional(),
    stages: z
      .array(NewStage)
      .min(2)
      .max(30)
      .optional()
      .describe('Defaults to the seven stages of a classic B2B process'),
  })
  .strict();

export const UpdatePipelineBody = z
  .object({
    nameEn: Name,
    nameAr: Name,
    position: Position,
    isDefault: z.literal(true).describe('Make this the default; the others stop being it'),
    archived: z
      .boolean()
      .describe(
        'True archives it (refused for the default pipeline or one with open deals); its deals ' +
          'and history stay. False brings it back, last among the active pipelines.',
      ),
    followUpTasks: z
      .array(FollowUpTask)
      .max(20)
      .describe('After the sale: the tasks a deal won in this pipeline creates for its owner'),
  })
  .partial()
  .strict();

export const AddStageBody = NewStage.extend({
  position: Position.optional().describe(
    'Place among active stages (1 = first); default: before the first won stage for an open ' +
      'stage, last for a won stage',
  ),
}).strict();

export const UpdateStageBody = z.object(stageSettings).partial().strict();

export const StageOrderBody = z
  .object({ stageIds: z.array(z.string().min(1)).min(1).max(100) })
  .strict();
