import {
  aggregateBoard,
  aggregateBoardAsOf,
  firstCardsAsOf,
  firstCardsPerStage,
} from '../db/board.repository.js';
import type { DealFilter } from '../db/deal.repository.js';
import { findDefaultPipeline, findPipeline, listStages } from '../db/pipeline.repository.js';
import { latestRatesOn } from '../db/reference.repository.js';
import { encodeCursor } from '../db/keyset.js';
import { findWorkspace } from '../db/workspace.repository.js';
import { totalColumns } from '../domain/board.js';
import { notFound } from '../domain/errors.js';
import { orderStages } from '../domain/stage.js';
import { daysSince, isDealStale } from '../domain/stale.js';
import { parseAsOf } from './as-of.js';
import { type ServiceContext, toIso } from './context.js';
import { visibleOwnerOf } from './deal-access.js';

const WON_VISIBLE_DAYS = 90;

/** The cursor for the rest of a column: the deal list sorted by updatedAt, descending. */
function nextCursorOf(cards: { id: string; updated_at: number }[], count: number): string | null {
  const last = cards.at(-1);
  return last && count > cards.length ? encodeCursor(last.updated_at, last.id) : null;
}

export interface BoardQuery {
  pipelineId?: string | undefined;
  ownerId?: string | undefined;
  companyId?: string | undefined;
  q?: string | undefined;
  cardsPerStage: number;
  /** An instant (ISO 8601): the board as it stood then, rebuilt from the stage history. */
  asOf?: string | undefined;
}

/**
 * Everything the board shows in one call: per stage, the count, total and weighted total in
 * the workspace's base currency, and the first page of cards. Open deals, plus deals won in the
 * last 90 days (they sit in the won stage for post-sale follow-up).
 *
 * With `asOf`, each deal stands in the stage and status it had at that instant (from the stage
 * history). History records stage and status only, so amounts, expected close dates, owners and
 * overrides are today's values; activities are not replayed, so cards carry no next step, are
 * never marked stale, and columns have no cursor into today's deal list.
 */
export async function getBoard(ctx: ServiceContext, query: BoardQuery) {
  const { workspaceId } = ctx.actor;
  const workspace = await findWorkspace(ctx.db, workspaceId);
  if (!workspace) throw notFound('Workspace');
  const pipeline = query.pipelineId
    ? await findPipeline(ctx.db, workspaceId, query.pipelineId)
    : await findDefaultPipeline(ctx.db, workspaceId);
  if (!pipeline) throw notFound('Pipeline');
  const stages = orderStages(await listStages(ctx.db, workspaceId, pipeline.id));
  const filter: DealFilter & { pipelineId: string } = {
    workspaceId,
    pipelineId: pipeline.id,
    ownerId: query.ownerId,
    companyId: query.companyId,
    q: query.q,
    visibleOwnerId: await visibleOwnerOf(ctx),
  };
  const asOf = parseAsOf(query.asOf, ctx.now);
  const at = asOf ?? ctx.now;
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
        cards: stageCards.map((c) => ({
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
            asOf === undefined &&
            isDealStale(
              {
                status: c.status,
                rottingDays: stage.rottingDays,
                stageEnteredAt: c.stage_entered_at,
                lastActivityAt: c.last_activity_at,
                nextDueAt: c.next_due_at,
              },
              ctx.now,
            ),
          version: c.version,
        })),
        nextCursor: asOf === undefined ? nextCursorOf(stageCards, column?.count ?? 0) : null,
      };
    }),
  };
}
