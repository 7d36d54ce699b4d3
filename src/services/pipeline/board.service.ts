import {
  aggregateBoard,
  aggregateBoardAsOf,
  firstCardsAsOf,
  firstCardsPerStage,
  listColumnCards,
} from '../../db/board.repository.js';
import type { DealFilter } from '../../db/deal.repository.js';
import { findStageRow, toStage } from '../../db/pipeline.repository.js';
import { latestRatesOn } from '../../db/reference.repository.js';
import { decodeCursor, encodeCursor, toPage } from '../../db/keyset.js';
import { totalColumns } from '../../domain/board.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { orderStages, type Stage } from '../../domain/stage.js';
import { daysSince, isDealStale } from '../../domain/stale.js';
import { type ServiceContext, toIso } from '../context.service.js';
import { visibleOwnerOf } from '../deals/deal-access.js';
import { resolveScope } from '../scope.service.js';
import { resolveCustomFilters } from '../custom-values.js';
import type { CustomFieldCondition } from '../../domain/custom-field-filters.js';

const WON_VISIBLE_DAYS = 90;

/** The cursor for the rest of a column: the deal list sorted by updatedAt, descending. */
function nextCursorOf(cards: { id: string; updated_at: number }[], count: number): string | null {
  const last = cards.at(-1);
  return last && count > cards.length ? encodeCursor(last.updated_at, last.id) : null;
}

/** A card row as the board's queries return it; `as of` rows carry no activity fields. */
interface CardRow {
  id: string;
  title: string;
  status: string;
  company_id: string | null;
  company_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  amount_minor: number | null;
  currency: string;
  expected_close_date: string | null;
  stage_entered_at: number;
  last_activity_at: number | null;
  next_due_at: number | null;
  next_step: string | null;
  version: number;
}

/**
 * A card as the board shows it: age in stage counted to `at`; staleness judged at `now`, or
 * never (a board of the past has no activities to judge it by) when `now` is undefined.
 */
function toCard(
  c: CardRow,
  stage: Pick<Stage, 'rottingDays'>,
  { at, now }: { at: number; now: number | undefined },
) {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    companyId: c.company_id,
    companyName: c.company_name,
    ownerId: c.owner_id,
    ownerName: c.owner_name,
    amountMinor: c.amount_minor,
    currency: c.currency,
    expectedCloseDate: c.expected_close_date,
    daysInStage: daysSince(c.stage_entered_at, at),
    nextStep: c.next_step ? { subject: c.next_step, dueAt: toIso(c.next_due_at) } : null,
    isStale:
      now !== undefined &&
      isDealStale(
        {
          status: c.status,
          rottingDays: stage.rottingDays,
          stageEnteredAt: c.stage_entered_at,
          lastActivityAt: c.last_activity_at,
          nextDueAt: c.next_due_at,
        },
        now,
      ),
    version: c.version,
  };
}

export interface BoardQuery {
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  /** Deals owned by the team's current members; a team the workspace lacks is a 400. */
  teamId?: string | undefined;
  source?: string | undefined;
  productId?: string | undefined;
  companyId?: string | undefined;
  q?: string | undefined;
  cardsPerStage: number;
  /** An instant (ISO 8601): the board as it stood then, rebuilt from the stage history. */
  asOf?: string | undefined;
  /** Custom-field filters on deals (see docs/custom-fields.md). */
  customFieldFilters?: readonly CustomFieldCondition[] | undefined;
}

/**
 * Everything the board shows in one call: per stage, the count, total and weighted total in
 * the workspace's base currency, and the first page of cards. Open deals, plus deals won in the
 * last 90 days (they sit in the won stage for post-sale follow-up).
 *
 * With `asOf`, each deal stands in the stage and status it had at that instant (stage history),
 * with the amount, currency, close date, owner, pipeline and override it had then (field
 * history); activities are not replayed, so cards carry no next step, are never marked stale,
 * and columns have no cursor into today's deal list.
 */
export async function getBoard(ctx: ServiceContext, query: BoardQuery) {
  const { workspaceId } = ctx.actor;
  const scope = await resolveScope(ctx, query);
  const { workspace, pipeline, asOfMs: asOf, at } = scope;
  if (!pipeline) throw notFound('Pipeline');
  const stages = orderStages(scope.stages);
  const filter: DealFilter & { pipelineId: string } = {
    workspaceId,
    pipelineId: pipeline.id,
    ownerId: scope.ownerId,
    teamId: scope.teamId,
    source: scope.source,
    productId: query.productId,
    companyId: query.companyId,
    q: query.q,
    visibleOwnerId: scope.visibleOwnerId,
    customFields: await resolveCustomFilters(ctx, 'deal', query.customFieldFilters),
  };
  const wonSince = at - WON_VISIBLE_DAYS * 86_400_000;
  const [groups, cards, rates] = await Promise.all([
    asOf === undefined
      ? aggregateBoard(ctx.db, filter, wonSince)
      : aggregateBoardAsOf(ctx.db, filter, asOf, wonSince),
    asOf === undefined
      ? firstCardsPerStage(ctx.db, filter, stages, wonSince, query.cardsPerStage)
      : firstCardsAsOf(ctx.db, filter, asOf, wonSince, query.cardsPerStage).then((rows) =>
          rows.map((c) => ({ ...c, last_activity_at: null, next_due_at: null, next_step: null })),
        ),
    latestRatesOn(ctx.db, workspaceId, new Date(at).toISOString().slice(0, 10)),
  ]);
  const totals = totalColumns(
    stages.map((s) => s.id),
    groups.map((g) => ({
      stageId: g.stage_id,
      currency: g.currency,
      probability: g.probability,
      dealCount: g.deal_count,
      amountMinor: g.amount_minor,
    })),
    workspace.base_currency,
    rates,
  );
  return {
    pipeline: { id: pipeline.id, nameEn: pipeline.name_en, nameAr: pipeline.name_ar },
    baseCurrency: workspace.base_currency,
    asOf: asOf === undefined ? null : toIso(asOf),
    columns: stages.map((stage, index) => {
      const column = totals[index];
      const stageCards = cards.filter((c) => c.stage_id === stage.id);
      return {
        stage: {
          id: stage.id,
          key: stage.key,
          nameEn: stage.nameEn,
          nameAr: stage.nameAr,
          kind: stage.kind,
          probability: stage.probability,
          position: stage.position,
        },
        count: column?.count ?? 0,
        total: column?.total ?? { minor: 0, currency: workspace.base_currency },
        weighted: column?.weighted ?? { minor: 0, currency: workspace.base_currency },
        unconvertedCurrencies: column?.unconvertedCurrencies ?? [],
        cards: stageCards.map((c) =>
          toCard(c, stage, { at, now: asOf === undefined ? ctx.now : undefined }),
        ),
        nextCursor: asOf === undefined ? nextCursorOf(stageCards, column?.count ?? 0) : null,
      };
    }),
  };
}

export interface ColumnCardsQuery {
  ownerId?: string | undefined;
  teamId?: string | undefined;
  source?: string | undefined;
  productId?: string | undefined;
  companyId?: string | undefined;
  q?: string | undefined;
  customFieldFilters?: readonly CustomFieldCondition[] | undefined;
  limit: number;
  /** A column's `nextCursor` from the board, or from the previous page. */
  cursor?: string | undefined;
}

/** The board's cursor: the updated_at (a number) and id of the last card seen. */
function decodeColumnCursor(cursor: string): [number, string] {
  const [updatedAt, id] = decodeCursor(cursor);
  if (typeof updatedAt === 'number') return [updatedAt, id];
  throw new DomainError('VALIDATION_FAILED', 'Invalid cursor', [
    { path: ['cursor'], message: 'Not a cursor of a board column', code: 'invalid_cursor' },
  ]);
}

/**
 * The rest of one board column, page by page: the same cards, in the same order and with the
 * same filters as the board (open deals, or deals won in the last 90 days in a won stage), after
 * the column's `nextCursor`. Another workspace's stage is "not found".
 */
export async function getColumnCards(
  ctx: ServiceContext,
  stageId: string,
  query: ColumnCardsQuery,
) {
  const { workspaceId } = ctx.actor;
  const after = query.cursor === undefined ? undefined : decodeColumnCursor(query.cursor);
  const row = await findStageRow(ctx.db, workspaceId, stageId);
  if (!row) throw notFound('Stage');
  const stage = toStage(row);
  const filter: DealFilter & { pipelineId: string } = {
    workspaceId,
    pipelineId: stage.pipelineId,
    ownerId: query.ownerId,
    teamId: query.teamId,
    source: query.source,
    productId: query.productId,
    companyId: query.companyId,
    q: query.q,
    visibleOwnerId: await visibleOwnerOf(ctx),
    customFields: await resolveCustomFilters(ctx, 'deal', query.customFieldFilters),
  };
  const wonSince = ctx.now - WON_VISIBLE_DAYS * 86_400_000;
  const rows = await listColumnCards(ctx.db, filter, stage, wonSince, query.limit + 1, after);
  const page = toPage(rows, query.limit, (c) => c.updated_at);
  return {
    cards: page.items.map((c) => toCard(c, stage, { at: ctx.now, now: ctx.now })),
    nextCursor: page.nextCursor,
  };
}
