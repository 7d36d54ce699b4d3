import { listQualifications, saveQualification } from '../../db/qualification.repository.js';
import type { FieldChange } from '../../domain/deal-field-history.js';
import {
  BANT_PARTS,
  type BantAnswer,
  type BantPart,
  encodeAnswer,
  NO_QUALIFICATION,
  type Qualification,
} from '../../domain/qualification.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  versionConflict,
} from '../context.service.js';
import { loadVisibleDeal } from './deal-access.js';
import { getDeal, viewDeal } from './deal.service.js';
import { applyDealChange, authorOf } from './deal-spine.js';
import type { DealView } from './deal-view.js';

/** A change of the card: the parts given are set (null: unknown again), the others kept. */
export type QualificationPatch = Partial<Record<BantPart, BantAnswer | null>>;

function sameAnswer(a: BantAnswer | null, b: BantAnswer | null): boolean {
  return encodeAnswer(a) === encodeAnswer(b);
}

/**
 * Changes the deal's BANT card if the deal is still at `version` (the card is part of the deal:
 * its change bumps the deal's version, a stale one is a 409). Each part that changes is kept in
 * the deal's field history as `bant.<part>`, e.g. `high: CFO signs off`.
 */
export async function setDealQualification(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: QualificationPatch,
): Promise<DealView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const current = await loadVisibleDeal(tx, id);
    if (current.version !== version) throw versionConflict(await viewDeal(tx, current));
    const before = (await listQualifications(tx.db, workspaceId, [id])).get(id) ?? NO_QUALIFICATION;
    const after: Qualification = { ...before };
    const changes: FieldChange[] = [];
    for (const part of BANT_PARTS) {
      const given = patch[part];
      if (given === undefined) continue;
      const next =
        given === null ? null : { value: given.value.trim(), confidence: given.confidence };
      if (sameAnswer(before[part], next)) continue;
      after[part] = next;
      changes.push({
        field: `bant.${part}`,
        from: encodeAnswer(before[part]),
        to: encodeAnswer(next),
      });
    }
    const isApplied = await applyDealChange(
      tx.db,
      authorOf(tx),
      { ...current, version },
      { updated_at: tx.now },
      null,
      changes,
    );
    if (!isApplied) throw versionConflict(await getDeal(tx, id));
    if (changes.length > 0) {
      await saveQualification(tx.db, { workspaceId, dealId: id }, after, {
        now: tx.now,
        userId: tx.actor.userId,
      });
    }
    return getDeal(tx, id);
  });
}
