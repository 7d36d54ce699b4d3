import { insertActivity } from '../../db/activity.repository.js';
import type { Db } from '../../db/connection.js';
import { findCompany } from '../../db/company.repository.js';
import { newId } from '../../db/id.js';
import type { SurveyTable } from '../../db/schema.js';
import {
  answerSurveyOnce,
  findSurveyByHash,
  insertSurvey,
  listSurveysOf,
} from '../../db/survey.repository.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { buildSearchText } from '../../domain/search-text.js';
import { hashSecret, newSecret } from '../access/secret-token.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';
import { assertContactsExist } from '../references.js';
import { loadVisibleDeal } from './deal-access.js';
import type { Selectable } from 'kysely';

const DAY_MS = 86_400_000;
/** A survey link works this many days unless asked otherwise (at most 90). */
export const SURVEY_DAYS = 14;

function toSurveyView(row: Selectable<SurveyTable>) {
  return {
    id: row.id,
    dealId: row.deal_id,
    companyId: row.company_id,
    contactId: row.contact_id,
    language: row.language as 'en' | 'ar',
    createdAt: toIso(Number(row.created_at)) ?? '',
    expiresAt: toIso(Number(row.expires_at)) ?? '',
    answeredAt: toIso(row.answered_at === null ? null : Number(row.answered_at)),
    score: row.score,
    comment: row.comment,
  };
}
export type SurveyView = ReturnType<typeof toSurveyView>;

/**
 * A satisfaction survey of a won deal: an unguessable link (256 random bits; only its SHA-256
 * is kept, so the link is shown once, now), single-use, expiring after `days`. The answer is
 * recorded on the survey, which belongs to the deal and its company.
 */
export async function createSurvey(
  ctx: ServiceContext,
  dealId: string,
  input: {
    contactId?: string | null | undefined;
    language?: 'en' | 'ar' | undefined;
    days?: number | undefined;
  },
): Promise<{ survey: SurveyView; token: string; path: string }> {
  requirePermission(ctx.actor, 'records.write');
  const deal = await loadVisibleDeal(ctx, dealId);
  if (deal.status !== 'won') {
    const message = 'A satisfaction survey is for a won deal';
    throw new DomainError('VALIDATION_FAILED', message, [
      { path: ['dealId'], message, code: 'deal_not_won' },
    ]);
  }
  if (input.contactId) await assertContactsExist(ctx, [input.contactId], 'contactId');
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const token = newSecret('srv_');
  const id = newId();
  await insertSurvey(ctx.db, {
    id,
    workspace_id: ctx.actor.workspaceId,
    deal_id: deal.id,
    company_id: deal.company_id,
    contact_id: input.contactId ?? null,
    token_hash: hashSecret(token),
    language: input.language ?? (workspace.default_locale === 'ar' ? 'ar' : 'en'),
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    expires_at: ctx.now + (input.days ?? SURVEY_DAYS) * DAY_MS,
  });
  const [row] = (await listSurveysOf(ctx.db, ctx.actor.workspaceId, { dealId })).filter(
    (s) => s.id === id,
  );
  if (!row) throw notFound('Survey');
  return { survey: toSurveyView(row), token, path: `/survey/${token}` };
}

/** The surveys of a deal, or of a company (each deal's), newest first. */
export async function listSurveys(
  ctx: ServiceContext,
  of: { dealId: string } | { companyId: string },
): Promise<SurveyView[]> {
  requirePermission(ctx.actor, 'read');
  if ('dealId' in of) await loadVisibleDeal(ctx, of.dealId);
  else if (!(await findCompany(ctx.db, ctx.actor.workspaceId, of.companyId))) {
    throw notFound('Company');
  }
  return (await listSurveysOf(ctx.db, ctx.actor.workspaceId, of)).map(toSurveyView);
}

function surveyGone(code: 'survey_used' | 'survey_expired'): DomainError {
  const message =
    code === 'survey_used'
      ? 'This survey has been answered already; thank you'
      : 'This survey link has expired';
  return new DomainError('CONFLICT', message, [{ path: ['token'], message, code }]);
}

/**
 * What a survey's public page shows, without signing in: whose survey, in which language,
 * and whether it can still be answered. An unknown token is "not found", like a wrong one.
 */
export async function getPublicSurvey(db: Db, token: string, now: number) {
  const row = await findSurveyByHash(db, hashSecret(token));
  if (!row) throw notFound('Survey');
  const state: 'open' | 'answered' | 'expired' =
    row.answered_at !== null ? 'answered' : Number(row.expires_at) <= now ? 'expired' : 'open';
  return {
    workspaceName: row.workspace_name,
    companyName: row.company_name,
    language: row.language as 'en' | 'ar',
    expiresAt: toIso(Number(row.expires_at)) ?? '',
    state,
  };
}

/**
 * Records an answer (CSAT 1–5 and a comment) once: a second answer, or one after the link
 * expired, is refused and changes nothing. The answer also goes on the deal's timeline (and
 * so its company's) as a note, in one transaction with the survey.
 */
export async function answerSurvey(
  db: Db,
  token: string,
  input: { score: number; comment?: string | null | undefined },
  now: number,
) {
  const tokenHash = hashSecret(token);
  return db.transaction().execute(async (trx) => {
    const row = await findSurveyByHash(trx, tokenHash);
    if (!row) throw notFound('Survey');
    const comment = input.comment?.trim() || null;
    if (!(await answerSurveyOnce(trx, tokenHash, { score: input.score, comment, now }))) {
      throw surveyGone(row.answered_at !== null ? 'survey_used' : 'survey_expired');
    }
    const subject =
      row.language === 'ar'
        ? `استبيان الرضا: ${input.score} من 5`
        : `Satisfaction survey: ${input.score} / 5`;
    const deal = await trx
      .selectFrom('deals')
      .select('owner_id')
      .where('workspace_id', '=', row.workspace_id)
      .where('id', '=', row.deal_id)
      .executeTakeFirst();
    await insertActivity(trx, {
      id: newId(),
      workspace_id: row.workspace_id,
      deal_id: row.deal_id,
      company_id: row.company_id,
      contact_id: row.contact_id,
      owner_id: deal?.owner_id ?? null,
      kind: 'note',
      subject,
      note: comment,
      due_at: null,
      done_at: now,
      search_text: buildSearchText(subject, comment),
      created_at: now,
      updated_at: now,
    });
    return getPublicSurvey(trx, token, now);
  });
}
