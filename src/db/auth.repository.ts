import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { ApiTokenTable, LoginAttemptTable, SessionTable } from './schema.js';

export function insertSession(db: Db, row: Insertable<SessionTable>) {
  return db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Db, idHash: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', idHash).executeTakeFirst();
}

export function deleteSession(db: Db, idHash: string) {
  return db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

export function deleteSessionsOfUser(db: Db, userId: string) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function insertLoginAttempt(db: Db, row: Insertable<LoginAttemptTable>) {
  return db.insertInto('login_attempts').values(row).execute();
}

/** Failed attempts since `since`, for an email and for an IP address. */
export async function countFailedLogins(
  db: Db,
  email: string,
  ip: string,
  since: number,
): Promise<{ byEmail: number; byIp: number }> {
  const count = async (column: 'email' | 'ip', value: string) => {
    const row = await db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', value)
      .where('at', '>=', since)
      .where('succeeded', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { byEmail: await count('email', email), byIp: await count('ip', ip) };
}

export function insertApiToken(db: Db, row: Insertable<ApiTokenTable>) {
  return db.insertInto('api_tokens').values(row).execute();
}

export function findActiveApiTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function listApiTokens(db: Db, workspaceId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'role', 'created_by', 'created_at', 'last_used_at'])
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function revokeApiToken(
  db: Db,
  workspaceId: string,
  id: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function touchApiToken(db: Db, id: string, now: number) {
  return db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
