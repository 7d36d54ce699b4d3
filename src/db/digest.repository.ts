import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { StaleDigestTable } from './schema.js';

export function findDigest(db: Db, workspaceId: string, userId: string, day: string) {
  return db
    .selectFrom('stale_digests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .executeTakeFirst();
}

/** The person's latest digest of a day before `day`, if any. */
export function findDigestBefore(db: Db, workspaceId: string, userId: string, day: string) {
  return db
    .selectFrom('stale_digests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('day', '<', day)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts the digest unless that person's digest of that day exists (made meanwhile). */
export function insertDigest(db: Db, row: Insertable<StaleDigestTable>) {
  return db
    .insertInto('stale_digests')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'day']).doNothing())
    .execute();
}

export async function markDigestRead(
  db: Db,
  workspaceId: string,
  userId: string,
  day: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('stale_digests')
    .set({ read_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
