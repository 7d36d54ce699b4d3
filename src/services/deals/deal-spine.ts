import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import { insertDeal } from '../../db/deal.repository.js';
import { newId } from '../../db/id.js';
import { insertRowsInChunks } from '../../db/import.repository.js';
import type {
  ChangeSource,
  DealFieldHistoryTable,
  DealTable,
  StageHistoryTable,
} from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import type { DealPosition, DealTransition, StageChange } from '../../domain/deal.js';
import {
  type FieldChange,
  fieldChangesOf,
  type TrackedDealValues,
} from '../../domain/deal-field-history.js';
import type { ServiceContext } from '../context.service.js';

/**
 * The deal's spine: how a change of a deal becomes the deal's new row plus the history rows that
 * explain it. Every writer of a deal's stage or status goes through here — the use-cases one
 * deal at a time (create, move, win, lose, reopen), the import in batches — so the append-only
 * history has one author; the same goes for the field history (amount, close date, owner …):
 * every change of a tracked field appends a row saying from what to what, when, by whom.
 */

/** Who makes the change, through what, and how its history rows get their ids. */
export interface ChangeAuthor {
  workspaceId: string;
  actorUserId: string | null;
  source: ChangeSource;
  newId: () => string;
}

/** The person or token behind a use-case, as the author of what it writes. */
export function authorOf(ctx: ServiceContext): ChangeAuthor {
  return {
    workspaceId: ctx.actor.workspaceId,
    actorUserId: ctx.actor.userId,
    source: ctx.actor.viaToken ? 'token' : 'person',
    newId,
  };
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

/** The deal as it stands before a change: its version and the values the history explains. */
export type DealBefore = TrackedDealValues & { id: string; version: number };

/**
 * Changes one deal if it is still at `version`: its other fields and, when given, its position
 * with the history rows that explain it, and a field-history row for every tracked field whose
 * value changes (plus `customChanges`, the tracked custom fields the caller writes). Returns
 * false for a stale version (nothing written).
 */
export async function applyDealChange(
  db: Db,
  author: ChangeAuthor,
  deal: DealBefore,
  fields: Updateable<DealTable> & { updated_at: number },
  change: PositionChange | null,
  customChanges: readonly FieldChange[] = [],
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
  const fieldRows = fieldHistoryRows(author, deal.id, fields.updated_at, [
    ...fieldChangesOf(deal, fields),
    ...customChanges,
  ]);
  if (fieldRows.length > 0) await insertRowsInChunks(db, 'deal_field_history', fieldRows);
  return true;
}

/** The field-history rows of changes made to one deal at one instant. */
export function fieldHistoryRows(
  author: ChangeAuthor,
  dealId: string,
  at: number,
  changes: readonly FieldChange[],
): Insertable<DealFieldHistoryTable>[] {
  return changes.map((c) => ({
    id: author.newId(),
    workspace_id: author.workspaceId,
    deal_id: dealId,
    field: c.field,
    from_value: c.from,
    to_value: c.to,
    at,
    actor_user_id: author.actorUserId,
    source: author.source,
  }));
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
