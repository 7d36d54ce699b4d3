import { type Expression, type SqlBool, sql } from 'kysely';
import { normalizeSearchText } from '../domain/search-text.js';

/**
 * `column LIKE '%term%'` on a folded search column, with the term folded the same way and its
 * wildcards escaped, so "أحمد" finds "احمد" and "50%" finds only a literal percent sign.
 */
export function containsFolded(column: Expression<unknown>, term: string): Expression<SqlBool> {
  const escaped = normalizeSearchText(term).replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`${column} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}
