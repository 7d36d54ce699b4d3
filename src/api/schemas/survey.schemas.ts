import { z } from 'zod';

export const Survey = z
  .object({
    id: z.string(),
    dealId: z.string(),
    companyId: z.string().nullable(),
    contactId: z.string().nullable(),
    language: z.enum(['en', 'ar']),
    createdAt: z.string(),
    expiresAt: z.string(),
    answeredAt: z.string().nullable(),
    score: z.number().int().nullable().describe('CSAT: 1 (very unsatisfied) to 5 (very satisfied)'),
    comment: z.string().nullable(),
  })
  .meta({ id: 'Survey' });

export const CreateSurveyBody = z
  .object({
    contactId: z.string().min(1).nullish().describe('Whom it is sent to, if known'),
    language: z.enum(['en', 'ar']).optional().describe('Default: the workspace’s language'),
    days: z.number().int().min(1).max(90).optional().describe('How long the link works; 14'),
  })
  .strict();

export const CreatedSurvey = z.object({
  survey: Survey,
  url: z.string().describe('The link to send, shown this once: only its hash is kept'),
});

export const TokenParams = z.object({ token: z.string().min(10).max(200) });

export const PublicSurvey = z
  .object({
    workspaceName: z.string(),
    companyName: z.string().nullable(),
    language: z.enum(['en', 'ar']),
    expiresAt: z.string(),
    state: z.enum(['open', 'answered', 'expired']),
  })
  .meta({ id: 'PublicSurvey' });

export const SurveyAnswerBody = z
  .object({
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(2000).nullish(),
  })
  .strict();
