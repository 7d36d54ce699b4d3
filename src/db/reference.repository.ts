import type { Insertable } from 'kysely';
import type { Db } from './connection.js';
import type { ExchangeRateTable, LostReasonTable } from './schema.js';

export function insertLostReasons(db: Db, rows: Insertable<LostReasonTable>[]) {
  return db.insertInto('lost_reasons').values(rows).execute();
}

export function listLostReasons(db: Db, workspaceId: string, includeArchived = false) {
  let query = db
    .selectFrom('lost_reasons')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id');
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return query.execute();
}

export function findLostReason(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('lost_reasons')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateLostReason(
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<LostReasonTable, 'label_en' | 'label_ar' | 'position' | 'archived_at'>>,
): Promise<number> {
  const result = await db
    .updateTable('lost_reasons')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Inserts or replaces the rate of one currency on one day. */
export function upsertExchangeRate(db: Db, row: Insertable<ExchangeRateTable>) {
  return db
    .insertInto('exchange_rates')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'currency', 'day']).doUpdateSet({ rate: row.rate }),
    )
    .execute();
}

export function listExchangeRates(db: Db, workspaceId: string, currency?: string) {
  let query = db
    .selectFrom('exchange_rates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('currency')
    .orderBy('day', 'desc');
  if (currency) query = query.where('currency', '=', currency);
  return query.execute();
}

/** The latest rate on or before `day` for each currency: what a total "as of day" converts with. */
export async function latestRatesOn(
  db: Db,
  workspaceId: string,
  day: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('exchange_rates as r')
    .select(['r.currency', 'r.rate'])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.day', '=', (eb) =>
      eb
        .selectFrom('exchange_rates as l')
        .select((e) => e.fn.max('l.day').as('d'))
        .whereRef('l.workspace_id', '=', 'r.workspace_id')
        .whereRef('l.currency', '=', 'r.currency')
        .where('l.day', '<=', day),
    )
    .execute();
  return new Map(rows.map((r) => [r.currency, r.rate]));
}

export async function updateLostReasonPositions(
  db: Db,
  workspaceId: string,
  orderedIds: string[],
): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await updateLostReason(db, workspaceId, id, { position: index + 1 });
  }
}
