import { type Expression, type SqlBool, sql } from 'kysely';
import { normalizeSearchText } from '../domain/search-text.js';

/** The term folded like the search columns, with LIKE's wildcards and escape character escaped. */
function likeTerm(term: string): string {
  return normalizeSearchText(term).replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column LIKE '%term%'` on a folded search column, with the term folded the same way and its
 * wildcards escaped, so "أحمد" finds "احمد" and "50%" finds only a literal percent sign.
 */
export function containsFolded(column: Expression<unknown>, term: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} LIKE ${`%${likeTerm(term)}%`} ESCAPE '\\'`;
}

/** `column LIKE 'term%'`: the folded column starts with the folded term. */
export function startsWithFolded(column: Expression<unknown>, term: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} LIKE ${`${likeTerm(term)}%`} ESCAPE '\\'`;
}

/** `column LIKE '% term%'`: a word after the first of the folded column starts with the term. */
export function laterWordStartsWithFolded(
  column: Expression<unknown>,
  term: string,
): Expression<SqlBool> {
  return sql<SqlBool>`${column} LIKE ${`% ${likeTerm(term)}%`} ESCAPE '\\'`;
}
