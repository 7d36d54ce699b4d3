import { aggregateBoard, firstCardsPerStage } from '../db/board.repository.js';
import type { DealFilter } from '../db/deal.repository.js';
import { findDefaultPipeline, findPipeline, listStages } from '../db/pipeline.repository.js';
import { latestRatesOn } from '../db/reference.repository.js';
import { encodeCursor } from '../db/keyset.js';
import { findWorkspace } from '../db/workspace.repository.js';
import { totalColumns } from '../domain/board.js';
import { notFound } from '../domain/errors.js';
import { orderStages } from '../domain/stage.js';
import { daysSince, isDealStale } from '../domain/stale.js';
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
}

/**
 * Everything the board shows in one call: per stage, the count, total and weighted total in
 * the workspace's base currency, and the first page of cards. Open deals, plus deals won in the
 * last 90 days (they sit in the won stage for post-sale follow-up).
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
  const wonSince = ctx.now - WON_VISIBLE_DAYS * 86_400_000;
  const [groups, cards, rates] = await Promise.all([
    aggregateBoard(ctx.db, filter, wonSince),
    firstCardsPerStage(ctx.db, filter, stages, wonSince, query.cardsPerStage),
    latestRatesOn(ctx.db, workspaceId, new Date(ctx.now).toISOString().slice(0, 10)),
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
          daysInStage: daysSince(c.stage_entered_at, ctx.now),
          nextStep: c.next_step ? { subject: c.next_step, dueAt: toIso(c.next_due_at) } : null,
          isStale: isDealStale(
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
        nextCursor: nextCursorOf(stageCards, column?.count ?? 0),
      };
    }),
  };
}
