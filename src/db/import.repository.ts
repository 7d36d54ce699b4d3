import { type Insertable, sql } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';
import { optimizeDatabase } from './maintenance.js';
import type { Database, ExternalRefTable } from './schema.js';

/** The tables an import writes in bulk. */
const IMPORTED_TABLES = [
  'companies',
  'contacts',
  'contact_channels',
  'deals',
  'stage_history',
  'activities',
  'products',
  'deal_items',
  'external_refs',
  'custom_field_values',
] as const;

/**
 * Refreshes the planner's statistics after a bulk import, so the next reports plan for the new
 * volume at once. PostgreSQL's autovacuum would get there, later: until then a metric over
 * freshly imported history can take a hundred times longer (seconds become minutes).
 */
export async function refreshStatisticsAfterImport(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`analyze ${sql.join(IMPORTED_TABLES.map((t) => sql.table(t)))}`.execute(db);
  } else {
    await optimizeDatabase(db);
  }
}

/**
 * SQLite refuses a statement with more than 32,766 bound variables (PostgreSQL: 65,535), so a
 * multi-row INSERT carries at most this many values in all.
 */
const MAX_BOUND_VARIABLES = 32_766;

/**
 * Inserts rows with as few multi-row INSERT statements as the bound-variable limit allows.
 * Every row must have the same keys (write `null`, never leave a key out).
 * @example 1,000 deals of 25 columns → 1 statement; 3,000 history rows of 11 → 2 statements
 */
export async function insertRowsInChunks<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VARIABLES / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += perStatement) {
    // Kysely cannot check a generic table name; the caller's rows are typed for `table`.
    await db
      .insertInto(table as 'deals')
      .values(rows.slice(start, start + perStatement) as Insertable<Database['deals']>[])
      .execute();
  }
}

/** Record ids already imported under these external ids, by external id. */
export async function findExternalRefs(
  db: Db,
  key: { workspaceId: string; kind: string; source: string },
  externalIds: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const unique = [...new Set(externalIds)];
  for (let start = 0; start < unique.length; start += 5000) {
    const rows = await db
      .selectFrom('external_refs')
      .select(['external_id', 'record_id'])
      .where('workspace_id', '=', key.workspaceId)
      .where('kind', '=', key.kind)
      .where('source', '=', key.source)
      .where('external_id', 'in', unique.slice(start, start + 5000))
      .execute();
    for (const row of rows) found.set(row.external_id, row.record_id);
  }
  return found;
}

export function insertExternalRefs(db: Db, rows: Insertable<ExternalRefTable>[]) {
  return insertRowsInChunks(db, 'external_refs', rows);
}

/** Every live company of the workspace, for matching by name and domain in memory. */
export function listCompaniesForMatching(db: Db, workspaceId: string) {
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'domain', 'sector', 'size', 'country', 'owner_id', 'version'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every live contact with its email and phone channels, for matching in memory. */
export function listContactsForMatching(db: Db, workspaceId: string) {
  return db
    .selectFrom('contacts')
    .leftJoin('contact_channels', (join) =>
      join
        .onRef('contact_channels.contact_id', '=', 'contacts.id')
        .onRef('contact_channels.workspace_id', '=', 'contacts.workspace_id'),
    )
    .select([
      'contacts.id',
      'contacts.name',
      'contacts.job_title',
      'contacts.company_id',
      'contacts.role',
      'contacts.owner_id',
      'contacts.version',
      'contact_channels.kind',
      'contact_channels.value',
      'contact_channels.normalized',
      'contact_channels.label',
      'contact_channels.position',
    ])
    .where('contacts.workspace_id', '=', workspaceId)
    .where('contacts.deleted_at', 'is', null)
    .orderBy('contacts.id')
    .orderBy('contact_channels.kind')
    .orderBy('contact_channels.position')
    .execute();
}

export function listProducts(db: Db, workspaceId: string) {
  return db
    .selectFrom('products')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The current state of deals about to be updated by an import. */
export function findDealsForImport(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export function listTeamsByName(db: Db, workspaceId: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'name', 'manager_user_id', 'version'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** Members with their team, for matching owners by email or name. */
export function listMembersForImport(db: Db, workspaceId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.team_id'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.id')
    .execute();
}

/** The items of deals about to be updated by an import. */
export function listDealItems(db: Db, workspaceId: string, dealIds: string[]) {
  if (dealIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deal_items')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', 'in', dealIds)
    .orderBy('id')
    .execute();
}

export function deleteDealItems(db: Db, workspaceId: string, dealId: string) {
  return db
    .deleteFrom('deal_items')
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .execute();
}

export function insertTeamRow(
  db: Db,
  row: {
    id: string;
    workspace_id: string;
    name: string;
    manager_user_id: string | null;
    created_at: number;
  },
) {
  return db.insertInto('teams').values(row).execute();
}

export function setTeamManager(db: Db, workspaceId: string, teamId: string, userId: string) {
  return db
    .updateTable('teams')
    .set((eb) => ({ manager_user_id: userId, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .execute();
}

export function setMemberTeamAndRole(
  db: Db,
  workspaceId: string,
  userId: string,
  patch: { team_id?: string | null; role?: 'admin' | 'manager' | 'rep' },
) {
  return (
    db
      .updateTable('memberships')
      // The membership's version is the role's (the team is set apart, as PUT /users/:id/team does).
      .set((eb) =>
        patch.role === undefined ? patch : { ...patch, version: eb('version', '+', 1) },
      )
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute()
  );
}

/** Live deals with one of these exact titles, to link activities that name their deal. */
export async function findDealsByTitle(db: Db, workspaceId: string, titles: string[]) {
  const unique = [...new Set(titles)];
  const found: { id: string; title: string }[] = [];
  for (let start = 0; start < unique.length; start += 5000) {
    found.push(
      ...(await db
        .selectFrom('deals')
        .select(['id', 'title'])
        .where('workspace_id', '=', workspaceId)
        .where('deleted_at', 'is', null)
        .where('title', 'in', unique.slice(start, start + 5000))
        .orderBy('id')
        .execute()),
    );
  }
  return found;
}

/** Activities about to be updated by an import. */
export function findActivitiesForImport(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('activities')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** Moves each deal's last activity forward to `at` (never back), as logging an activity does. */
export async function touchDealsLastActivity(
  db: Db,
  workspaceId: string,
  latest: Map<string, number>,
): Promise<void> {
  for (const [dealId, at] of latest) {
    await db
      .updateTable('deals')
      .set((eb) => ({
        last_activity_at: eb
          .case()
          .when('last_activity_at', 'is', null)
          .then(at)
          .when('last_activity_at', '<', at)
          .then(at)
          .else(eb.ref('last_activity_at'))
          .end(),
      }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', dealId)
      .execute();
  }
}

/** The contacts already linked to these deals, for a migration that links more. */
export function listDealContactPairs(db: Db, workspaceId: string, dealIds: string[]) {
  if (dealIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deal_contacts')
    .select(['deal_id', 'contact_id'])
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', 'in', dealIds)
    .execute();
}
