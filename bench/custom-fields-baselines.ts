/**
 * The baselines of bench/custom-fields.bench.ts: the SQL each case needs, written by hand with
 * Kysely's `sql` tag — the smallest query that returns the same page — and the query plans.
 */
import { CompiledQuery, type KyselyPlugin, type RawBuilder, sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import { dialectOf } from '../src/db/dialect.js';
import { normalizeSearchText } from '../src/domain/search-text.js';

/** A condition on one custom field's stored value, as `cf.<key>[.<op>]=value` asks it. */
export interface RawValueFilter {
  fieldId: string;
  column: 'value_text' | 'value_number';
  op: '=' | '>=';
  value: string | number;
}

export interface RawPageInput {
  workspaceId: string;
  limit: number;
  filters?: RawValueFilter[];
  /** Ordered by this field's number, largest first (`sort=cf.<key>`); else newest change first. */
  sortBy?: string;
}

/**
 * A page of live deals: each filter a join of deals with custom_field_values on the value
 * index's columns (workspace, field, value), ordered as the list orders (updated_at, id
 * descending), or, sorted by a field, read in its (value, record) order.
 */
export async function rawDealPage(db: Db, input: RawPageInput): Promise<{ id: string }[]> {
  const { workspaceId, sortBy } = input;
  const from = sortBy
    ? sql`custom_field_values s join deals d on d.id = s.record_id
        and s.workspace_id = ${workspaceId} and s.field_id = ${sortBy}`
    : sql`deals d`;
  const joins = (input.filters ?? []).map((f, i) => {
    const v = sql.raw(`f${i}`);
    return sql`join custom_field_values ${v} on ${v}.record_id = d.id
      and ${v}.workspace_id = ${workspaceId} and ${v}.field_id = ${f.fieldId}
      and ${sql.ref(`f${i}.${f.column}`)} ${sql.raw(f.op)} ${f.value}`;
  });
  const order = sortBy
    ? sql`s.value_number desc, s.record_id desc`
    : sql`d.updated_at desc, d.id desc`;
  const result = await sql<{ id: string }>`
    select d.* from ${from} ${sql.join(joins, sql` `)}
    where d.workspace_id = ${workspaceId} and d.deleted_at is null
    order by ${order}
    limit ${input.limit}`.execute(db);
  return result.rows;
}

export interface RawSearchHit {
  kind: string;
  id: string;
  title: string;
  subtitle: string | null;
  activity_kind: string | null;
}

/**
 * "Search everywhere" in one statement: per kind, the `2 × limit` best rows whose folded
 * search_text holds the folded term (`LIKE '%term%'`, best first as search.repository orders
 * them), then all of them ranked as domain/search-rank.ts ranks hits — exact, prefix, a later
 * word, anywhere; shorter first; by text; deal, company, contact, activity; id — and cut at
 * `limit`. The rank is read off search_text, which is the folded name when a record has no other
 * searched field (as in the benchmark's dataset).
 */
export async function rawSearch(
  db: Db,
  input: { workspaceId: string; q: string; limit: number },
): Promise<RawSearchHit[]> {
  const term = normalizeSearchText(input.q);
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = (column: string, pattern: string) =>
    sql`${sql.raw(column)} like ${pattern} escape '\\'`;
  const kindOrder = (column: string) => sql`case when ${like(column, `${escaped}%`)} then 0
    when ${like(column, `% ${escaped}%`)} then 1 else 2 end, length(${sql.raw(column)})`;
  const { workspaceId } = input;
  /** One kind's best `2 × limit` rows: `columns` and t.search_text, t the searched table. */
  const hitsOf = (t: string, columns: RawBuilder<unknown>, from: RawBuilder<unknown>) => {
    const column = (name: string) => sql.raw(`${t}.${name}`);
    const live = t === 'a' ? sql`` : sql`and ${column('deleted_at')} is null`; // activities: none
    return sql`select * from (select ${columns}, ${column('search_text')} from ${from}
      where ${column('workspace_id')} = ${workspaceId} ${live}
        and ${like(`${t}.search_text`, `%${escaped}%`)}
      order by ${kindOrder(`${t}.search_text`)}, ${column('id')}
      limit ${input.limit * 2}) as ${sql.raw(`${t}_hits`)}`;
  };
  /** The live company (alias `co`) of t's company_id, for the subtitle. */
  const companyOf = (
    t: string,
  ) => sql`left join companies co on co.id = ${sql.raw(`${t}.company_id`)}
    and co.workspace_id = ${sql.raw(`${t}.workspace_id`)} and co.deleted_at is null`;
  const collation = sql.raw(dialectOf(db) === 'postgres' ? 'collate "C"' : 'collate binary');
  const result = await sql<RawSearchHit>`
    select kind, id, title, subtitle, activity_kind from (
      ${hitsOf(
        'd',
        sql`'deal' as kind, 0 as kind_order, d.id, d.title, co.name as subtitle,
          null as activity_kind`,
        sql`deals d ${companyOf('d')}`,
      )}
      union all
      ${hitsOf('c', sql`'company', 1, c.id, c.name, c.domain, null`, sql`companies c`)}
      union all
      ${hitsOf(
        'p',
        sql`'contact', 2, p.id, p.name,
          case when p.job_title is null then co.name when co.name is null then p.job_title
            else p.job_title || ' · ' || co.name end, null`,
        sql`contacts p ${companyOf('p')}`,
      )}
      union all
      ${hitsOf(
        'a',
        sql`'activity', 3, a.id, a.subject, coalesce(dl.title, co.name), a.kind`,
        sql`activities a left join deals dl on dl.id = a.deal_id
          and dl.workspace_id = a.workspace_id and dl.deleted_at is null ${companyOf('a')}`,
      )}
    ) as hits
    order by case when search_text = ${term} then 0 when ${like('search_text', `${escaped}%`)} then 1
        when ' ' || search_text like ${`% ${escaped}%`} escape '\\' then 2 else 3 end,
      length(search_text), search_text ${collation}, kind_order, id ${collation}
    limit ${input.limit}`.execute(db);
  return result.rows;
}

/** Runs `work` on a view of `db` that keeps every statement it sends, compiled. */
export async function recordStatements(
  db: Db,
  work: (db: Db) => Promise<unknown>,
): Promise<CompiledQuery[]> {
  const statements: CompiledQuery[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      statements.push(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  await work(db.withPlugin(recorder));
  return statements;
}

/** The plan of a statement: SQLite's EXPLAIN QUERY PLAN as a tree, PostgreSQL's EXPLAIN. */
export async function explain(db: Db, statement: CompiledQuery): Promise<string[]> {
  const isPostgres = dialectOf(db) === 'postgres';
  const prefix = isPostgres ? 'explain ' : 'explain query plan ';
  const result = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + statement.sql, [...statement.parameters]),
  );
  if (isPostgres) return result.rows.map((row) => String(row['QUERY PLAN']));
  const depth = new Map<number, number>([[0, 0]]);
  return result.rows.map((row) => {
    const level = (depth.get(Number(row.parent)) ?? 0) + 1;
    depth.set(Number(row.id), level);
    return `${'  '.repeat(level - 1)}${String(row.detail)}`;
  });
}

/** The SQL of a statement in one line, for printing above its plan. */
export function oneLine(statement: CompiledQuery): string {
  return statement.sql.replace(/\s+/g, ' ').trim();
}
