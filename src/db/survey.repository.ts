import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { SurveyTable } from './schema.js';

export function insertSurvey(db: Db, row: Insertable<SurveyTable>) {
  return db.insertInto('surveys').values(row).execute();
}

/** A survey by the hash of its link's token, with what its public page shows. */
export function findSurveyByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('surveys')
    .innerJoin('workspaces', 'workspaces.id', 'surveys.workspace_id')
    .leftJoin('companies', (join) =>
      join
        .onRef('companies.id', '=', 'surveys.company_id')
        .onRef('companies.workspace_id', '=', 'surveys.workspace_id'),
    )
    .selectAll('surveys')
    .select(['workspaces.name as workspace_name', 'companies.name as company_name'])
    .where('surveys.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records the answer once: only while unanswered and unexpired. False when it was not. */
export async function answerSurveyOnce(
  db: Db,
  tokenHash: string,
  answer: { score: number; comment: string | null; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('surveys')
    .set({ answered_at: answer.now, score: answer.score, comment: answer.comment })
    .where('token_hash', '=', tokenHash)
    .where('answered_at', 'is', null)
    .where('expires_at', '>', answer.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The surveys of a deal or of a company, newest first. */
export function listSurveysOf(
  db: Db,
  workspaceId: string,
  of: { dealId: string } | { companyId: string },
) {
  let query = db.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId);
  query =
    'dealId' in of
      ? query.where('deal_id', '=', of.dealId)
      : query.where('company_id', '=', of.companyId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}
