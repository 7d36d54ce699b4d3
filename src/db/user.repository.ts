import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { MembershipTable, UserTable } from './schema.js';

export function insertUser(db: Db, row: Insertable<UserTable>) {
  return db.insertInto('users').values(row).execute();
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertMembership(db: Db, row: Insertable<MembershipTable>) {
  return db.insertInto('memberships').values(row).execute();
}

export function findMembership(db: Db, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The user's workspaces, oldest membership first: the default one to sign in to. */
export function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('workspace_id')
    .execute();
}

/** The workspace's members with their membership, by name; only `userId`'s when given. */
export function listMembers(db: Db, workspaceId: string, userId?: string) {
  let query = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.locale',
      'memberships.role',
      'memberships.created_at',
      'memberships.deactivated_at',
      'memberships.version',
    ])
    .where('memberships.workspace_id', '=', workspaceId);
  if (userId !== undefined) query = query.where('memberships.user_id', '=', userId);
  return query.orderBy('users.name').orderBy('users.id').execute();
}

export async function countAdmins(db: Db, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
