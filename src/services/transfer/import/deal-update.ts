import { deleteDealItems, insertRowsInChunks } from '../../../db/import.repository.js';
import type { DealRow } from '../../../db/schema.js';
import type { DealStatus } from '../../../domain/deal.js';
import { buildSearchText } from '../../../domain/search-text.js';
import { applyDealChange } from '../../deals/deal-spine.js';
import { type DealDraft, itemRowOf } from './deal-draft.js';
import { changedDuringImport, type ImportRun } from './import-run.js';

const num = (value: number | null) => (value === null ? null : Number(value));

/**
 * Whether the file says anything different from what the deal holds. A closed deal's closing
 * day is not compared: it lives in the append-only history, which an import never rewrites.
 */
export function isDealChanged(draft: DealDraft, deal: DealRow, productIds: string[]): boolean {
  const fields = draft.fields;
  const isSame =
    deal.title === fields.title &&
    deal.company_id === fields.company_id &&
    deal.owner_id === fields.owner_id &&
    num(deal.amount_minor) === fields.amount_minor &&
    deal.currency === fields.currency &&
    deal.amount_source === fields.amount_source &&
    deal.expected_close_date === fields.expected_close_date &&
    deal.source === fields.source &&
    deal.pipeline_id === fields.pipeline_id &&
    num(deal.probability_override) === fields.probability_override &&
    deal.stage_id === draft.state.stageId &&
    deal.status === draft.state.status &&
    (draft.product === null || productIds.includes(draft.product.id));
  return !isSame;
}

/**
 * Updates a deal an earlier import made. A new stage or status is one more history row, from
 * where the deal stands to where the file says it is, at the closing day (or now): history is
 * appended to, never rewritten.
 */
export async function writeDealUpdate(
  run: ImportRun,
  draft: DealDraft,
  deal: DealRow,
  productIds: string[],
): Promise<void> {
  const { state } = draft;
  const isMoved = state.stageId !== deal.stage_id || state.status !== deal.status;
  const at = state.closedAt ?? run.now;
  const move = isMoved
    ? {
        position: { ...state, stageEnteredAt: at },
        steps: [
          {
            fromStageId: deal.stage_id,
            toStageId: state.stageId,
            fromStatus: deal.status as DealStatus,
            toStatus: state.status,
            at,
            lostReasonId: state.lostReasonId,
            reason: 'Updated by an import',
          },
        ],
      }
    : null;
  const fields = {
    ...draft.fields,
    search_text: buildSearchText(draft.fields.title, draft.fields.source),
    updated_at: run.now,
  };
  if (!(await applyDealChange(run.db, run.author, deal, fields, move))) {
    throw changedDuringImport('deal', deal.title);
  }
  if (draft.product && !productIds.includes(draft.product.id)) {
    await deleteDealItems(run.db, run.workspace.id, deal.id);
    await insertRowsInChunks(run.db, 'deal_items', [itemRowOf(run, deal.id, draft.product)]);
  }
}
