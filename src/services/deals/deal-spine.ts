import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import { insertDeal } from '../../db/deal.repository.js';
import { newId } from '../../db/id.js';
import { insertRowsInChunks } from '../../db/import.repository.js';
import type { DealTable, StageHistoryTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import type { DealPosition, DealTransition, StageChange } from '../../domain/deal.js';
import type { ServiceContext } from '../context.service.js';

/**
 * The deal's spine: how a change of a deal becomes the deal's new row plus the history rows that
 * explain it. Every writer of a deal's stage or status goes through here — the use-cases one
 * deal at a time (create, move, win, lose, reopen), the import in batches — so the append-only
 * history has one author, and the next kinds of history (field changes) have one home.
 */

/** Who makes the change, and how its history rows get their ids. */
export interface ChangeAuthor {
  workspaceId: string;
  actorUserId: string | null;
  newId: () => string;
}

/** The person or token behind a use-case, as the author of what it writes. */
export function authorOf(ctx: ServiceContext): ChangeAuthor {
  return { workspaceId: ctx.actor.workspaceId, actorUserId: ctx.actor.userId, newId };
}

/** A change of where a deal stands: its new position and the stage steps that led there. */
export interface PositionChange {
  position: DealPosition;
  /** Oldest first; one step for a move, the whole path for an imported deal. */
  steps: readonly StageChange[];
}

/** One transition a rule decided (a move, a win …) as a change of position. */
export function changeOf(transition: DealTransition): PositionChange {
  return { position: transition, steps: [transition.change] };
}

/** The rows a change writes: the deal's columns to set and the history rows to append. */
export interface DealChangeRows {
  columns: Updateable<DealTable> & PositionColumns;
  history: Insertable<StageHistoryTable>[];
}

type PositionColumns = Pick<
  Insertable<DealTable>,
  'stage_id' | 'status' | 'closed_at' | 'lost_reason_id' | 'lost_note' | 'stage_entered_at'
>;

/**
 * The one function that builds history rows: the deal's new position as columns, and one
 * append-only row per step.
 * @example a move from Proposal to Negotiation → columns { stage_id: negotiation, status: 'open', … }
 *   and history [{ from_stage_id: proposal, to_stage_id: negotiation, at, actor_user_id, … }]
 */
export function dealChangeRows(
  author: ChangeAuthor,
  dealId: string,
  change: PositionChange,
): DealChangeRows {
  const { position } = change;
  return {
    columns: {
      stage_id: position.stageId,
      status: position.status,
      closed_at: position.closedAt,
      lost_reason_id: position.lostReasonId,
      lost_note: position.lostNote,
      stage_entered_at: position.stageEnteredAt,
    },
    history: change.steps.map((step) => ({
      id: author.newId(),
      workspace_id: author.workspaceId,
      deal_id: dealId,
      from_stage_id: step.fromStageId,
      to_stage_id: step.toStageId,
      from_status: step.fromStatus,
      to_status: step.toStatus,
      at: step.at,
      actor_user_id: author.actorUserId,
      reason: step.reason,
      lost_reason_id: step.lostReasonId,
    })),
  };
}

/** A new deal, whatever else it carries (title, amount …), without the columns its path sets. */
export type NewDealFields = Omit<Insertable<DealTable>, keyof PositionColumns | 'version'>;

/**
 * The rows of a new deal: the deal itself, at the version its history gives it (one per step),
 * and the history of how it got where it stands.
 */
export function newDealRows(
  author: ChangeAuthor,
  fields: NewDealFields & { id: string },
  change: PositionChange,
): { deal: Insertable<DealTable>; history: Insertable<StageHistoryTable>[] } {
  const rows = dealChangeRows(author, fields.id, change);
  return {
    deal: { ...fields, ...rows.columns, version: change.steps.length },
    history: rows.history,
  };
}

/** Creates one deal with its history, for the use-cases. */
export async function insertNewDeal(
  db: Db,
  author: ChangeAuthor,
  fields: NewDealFields & { id: string },
  change: PositionChange,
): Promise<void> {
  const rows = newDealRows(author, fields, change);
  await insertDeal(db, rows.deal);
  await appendHistory(db, rows.history);
}

/**
 * Changes one deal if it is still at `version`: its other fields and, when given, its position
 * with the history rows that explain it. Returns false for a stale version (nothing written).
 */
export async function applyDealChange(
  db: Db,
  author: ChangeAuthor,
  deal: { id: string; version: number },
  fields: Updateable<DealTable>,
  change: PositionChange | null,
): Promise<boolean> {
  const rows = change ? dealChangeRows(author, deal.id, change) : null;
  const patch = rows ? { ...fields, ...rows.columns } : fields;
  const changed = await updateAtVersion(
    db,
    'deals',
    author.workspaceId,
    deal.id,
    deal.version,
    patch,
  );
  if (changed === 0) return false;
  if (rows) await appendHistory(db, rows.history);
  return true;
}

/** New deals and their histories in few statements, for imports of many rows. */
export async function insertNewDeals(
  db: Db,
  rows: { deal: Insertable<DealTable>; history: Insertable<StageHistoryTable>[] }[],
): Promise<void> {
  await insertRowsInChunks(
    db,
    'deals',
    rows.map((r) => r.deal),
  );
  await appendHistory(
    db,
    rows.flatMap((r) => r.history),
  );
}

function appendHistory(db: Db, history: Insertable<StageHistoryTable>[]): Promise<void> {
  return history.length === 0
    ? Promise.resolve()
    : insertRowsInChunks(db, 'stage_history', history);
}
