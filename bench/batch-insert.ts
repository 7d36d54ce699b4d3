import type { Insertable } from 'kysely';
import type { Db } from '../src/db/connection.js';
import type { Database } from '../src/db/schema.js';

/**
 * SQLite refuses a statement with more than 32,766 bound variables (PostgreSQL: 65,535), so a
 * multi-row INSERT carries at most this many values in all.
 */
const MAX_BOUND_VARIABLES = 32_766;

/**
 * Inserts rows with as few multi-row INSERT statements as the bound-variable limit allows.
 * Every row must have the same keys (write `null`, never leave a key out).
 * @example 5,000 deals of 25 columns → 4 statements of at most 1,310 rows
 */
export async function insertInChunks<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const rowsPerStatement = Math.max(1, Math.floor(MAX_BOUND_VARIABLES / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    // Kysely cannot check a generic table name; the caller's rows are typed for `table`.
    await db
      .insertInto(table as 'deals')
      .values(rows.slice(start, start + rowsPerStatement) as Insertable<Database['deals']>[])
      .execute();
  }
}
