import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { DomainError } from '../domain/errors.js';

/** A page of rows plus the opaque cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type SortDirection = 'asc' | 'desc';
type CursorValue = string | number;

/**
 * Cursors are the sort value and id of the last row seen, base64url-encoded JSON.
 * Keyset paging stays fast on page 1,000 where OFFSET would scan every row before it.
 */
export function encodeCursor(value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [CursorValue, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through to the validation error below
  }
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', [
    { path: ['cursor'], message: 'Not a cursor returned by this API' },
  ]);
}

/**
 * The WHERE clause that continues after the cursor for `ORDER BY sortExpr dir, id dir`.
 * @example afterCursor(eb, eb.ref('title'), eb.ref('id'), 'asc', ['Acme', 'id-9'])
 *   → (title > 'Acme') OR (title = 'Acme' AND id > 'id-9')
 */
export function afterCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  sortExpr: Expression<unknown>,
  idExpr: Expression<unknown>,
  direction: SortDirection,
  [value, id]: [CursorValue, string],
): Expression<SqlBool> {
  const op = direction === 'asc' ? sql.raw('>') : sql.raw('<');
  return eb.or([
    sql<SqlBool>`${sortExpr} ${op} ${value}`,
    eb.and([sql<SqlBool>`${sortExpr} = ${value}`, sql<SqlBool>`${idExpr} ${op} ${id}`]),
  ]);
}

/** Cuts the extra row fetched to learn whether another page exists, and builds its cursor. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  sortValueOf: (row: T) => CursorValue,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor(sortValueOf(last), last.id) : null,
  };
}
