/**
 * The baselines: the SQL each endpoint needs, written by hand and run straight through
 * Kysely's `sql` tag, with no HTTP, auth, validation, query building or serialisation around it.
 * Each one returns the same rows the endpoint's data comes from, so the benchmark can check
 * both sides agree before timing them.
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import { normalizeSearchText } from '../src/domain/search-text.js';

export interface BoardBaselineInput {
  workspaceId: string;
  pipelineId: string;
  wonSince: number;
  cardsPerStage: number;
  /** The pipeline's active stages, as the board service reads them first. */
  stages: { id: string; kind: string }[];
}

/**
 * The two grouped aggregates and one top-N card query per stage, the SQL of GET /board, issued
 * together as the board service does (on PostgreSQL they run on pooled connections at once).
 */
export async function runBoardBaseline(db: Db, input: BoardBaselineInput) {
  const groupsOf = (status: 'open' | 'won') =>
    sql<{
      stage_id: string;
      deal_count: number;
      amount_minor: number;
    }>`
    select d.stage_id, d.currency, coalesce(d.probability_override, s.probability) as probability,
      count(*) as deal_count, coalesce(sum(d.amount_minor), 0) as amount_minor
    from deals d join stages s on s.id = d.stage_id
    where d.workspace_id = ${input.workspaceId} and d.deleted_at is null
      and d.pipeline_id = ${input.pipelineId} and d.status = ${status}
      ${status === 'won' ? sql`and d.closed_at >= ${input.wonSince}` : sql``}
    group by d.stage_id, d.currency, coalesce(d.probability_override, s.probability)`.execute(db);
  const cardsOf = (stage: { id: string; kind: string }) => {
    const shown =
      stage.kind === 'won'
        ? sql`d.status = 'won' and d.closed_at >= ${input.wonSince}`
        : sql`d.status = 'open'`;
    return sql<{ id: string; stage_id: string }>`
      select d.id, d.stage_id, d.title, d.company_id, d.owner_id, d.amount_minor, d.currency,
        d.status, d.expected_close_date, d.stage_entered_at, d.last_activity_at, d.updated_at,
        d.version, co.name as company_name, u.name as owner_name,
        (select min(a.due_at) from activities a
          where a.deal_id = d.id and a.workspace_id = ${input.workspaceId} and a.done_at is null)
          as next_due_at,
        (select a.subject from activities a
          where a.deal_id = d.id and a.workspace_id = ${input.workspaceId} and a.done_at is null
            and a.due_at is not null
          order by a.due_at, a.id limit 1) as next_step
      from deals d
      left join companies co on co.id = d.company_id
      left join users u on u.id = d.owner_id
      where d.workspace_id = ${input.workspaceId} and d.deleted_at is null
        and d.pipeline_id = ${input.pipelineId} and d.stage_id = ${stage.id} and ${shown}
      order by d.updated_at desc, d.id desc
      limit ${input.cardsPerStage}`.execute(db);
  };
  const [open, won, ...columns] = await Promise.all([
    groupsOf('open'),
    groupsOf('won'),
    ...input.stages.map(cardsOf),
  ]);
  return { groups: [...open.rows, ...won.rows], cards: columns.flatMap((c) => c.rows) };
}

export interface ListBaselineInput {
  workspaceId: string;
  status?: string;
  ownerId?: string;
  q?: string;
  limit: number;
}

/** The list filters of GET /deals (as in deal.repository's applyDealFilter). */
function dealListWhere(input: Omit<ListBaselineInput, 'limit'>) {
  const filters = [sql`d.workspace_id = ${input.workspaceId}`, sql`d.deleted_at is null`];
  if (input.status) filters.push(sql`d.status = ${input.status}`);
  if (input.ownerId) filters.push(sql`d.owner_id = ${input.ownerId}`);
  if (input.q) {
    const pattern = `%${normalizeSearchText(input.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(sql`(d.search_text like ${pattern} escape '\\' or exists (
      select 1 from companies c where c.id = d.company_id
        and c.search_text like ${pattern} escape '\\'))`);
  }
  return sql.join(filters, sql` and `);
}

/** How many deals a list filter matches in all (for the report, not timed). */
export async function countDealMatches(db: Db, input: Omit<ListBaselineInput, 'limit'>) {
  const result = await sql<{ n: number }>`
    select count(*) as n from deals d where ${dealListWhere(input)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * One page of deals, newest change first, and the contacts of the deals on it: what
 * GET /deals reads. A search term matches the deal's or its company's folded search text.
 */
export async function runDealListBaseline(db: Db, input: ListBaselineInput) {
  const deals = await sql<{ id: string }>`
    select d.* from deals d
    where ${dealListWhere(input)}
    order by d.updated_at desc, d.id desc
    limit ${input.limit + 1}`.execute(db);
  const ids = deals.rows.slice(0, input.limit).map((d) => d.id);
  const contacts =
    ids.length === 0
      ? { rows: [] }
      : await sql`
          select dc.deal_id, dc.contact_id, dc.role, c.role as contact_role
          from deal_contacts dc join contacts c on c.id = dc.contact_id
          where dc.workspace_id = ${input.workspaceId} and dc.deal_id in (${sql.join(ids)})`.execute(
          db,
        );
  return { deals: deals.rows.slice(0, input.limit), contacts: contacts.rows };
}
