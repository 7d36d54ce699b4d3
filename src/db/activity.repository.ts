import { type Insertable, sql } from 'kysely';
import type { Db } from './connection.js';
import { afterCursor, decodeCursor, type Page, type SortDirection, toPage } from './keyset.js';
import { containsFolded } from './like.js';
import type { ActivityRow, ActivityTable } from './schema.js';

export interface ActivityListQuery {
  workspaceId: string;
  /** Folded search over subject and note. */
  q?: string | undefined;
  dealId?: string | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  ownerId?: string | undefined;
  isDone?: boolean | undefined;
  direction: SortDirection;
  limit: number;
  cursor?: string | undefined;
}

/** Activities without a due date sort last when ascending. */
const NO_DUE_DATE = 8_640_000_000_000_000;

export function insertActivity(db: Db, row: Insertable<ActivityTable>) {
  return db.insertInto('activities').values(row).execute();
}

export function findActivity(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('activities')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function deleteActivity(db: Db, workspaceId: string, id: string) {
  return db
    .deleteFrom('activities')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function listActivities(db: Db, query: ActivityListQuery): Promise<Page<ActivityRow>> {
  const sortExpr = sql`coalesce(activities.due_at, ${NO_DUE_DATE})`;
  let select = db
    .selectFrom('activities')
    .selectAll()
    .where('workspace_id', '=', query.workspaceId)
    .orderBy(sortExpr, query.direction)
    .orderBy('id', query.direction)
    .limit(query.limit + 1);
  if (query.q) select = select.where(containsFolded(sql.ref('activities.search_text'), query.q));
  if (query.dealId) select = select.where('deal_id', '=', query.dealId);
  if (query.companyId) select = select.where('company_id', '=', query.companyId);
  if (query.contactId) select = select.where('contact_id', '=', query.contactId);
  if (query.ownerId) select = select.where('owner_id', '=', query.ownerId);
  if (query.isDone !== undefined) {
    select = select.where('done_at', query.isDone ? 'is not' : 'is', null);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    select = select.where((eb) =>
      afterCursor(eb, sortExpr, eb.ref('activities.id'), query.direction, cursor),
    );
  }
  return toPage(await select.execute(), query.limit, (row) => row.due_at ?? NO_DUE_DATE);
}

/**
 * Records that something happened on a deal at `at`, without touching its version or
 * `updated_at`: logging a call must not make a colleague's concurrent stage move a 409.
 * It only moves forward, so logging yesterday's call never makes a deal look older.
 */
export function touchDealLastActivity(db: Db, workspaceId: string, dealId: string, at: number) {
  return db
    .updateTable('deals')
    .set({
      last_activity_at: sql<number>`case when last_activity_at is null or last_activity_at < ${at}
        then ${at} else last_activity_at end`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', dealId)
    .execute();
}

/** The owner of each linked deal (deleted ones too), to hide activities of deals a rep cannot see. */
export function listLinkedDealOwners(db: Db, workspaceId: string, dealIds: string[]) {
  if (dealIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deals')
    .select(['id', 'owner_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', dealIds)
    .execute();
}

/** Deletes an activity only if nobody changed it since `version` was read; returns rows deleted. */
export async function deleteActivityAtVersion(
  db: Db,
  workspaceId: string,
  id: string,
  version: number,
): Promise<number> {
  const result = await db
    .deleteFrom('activities')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
