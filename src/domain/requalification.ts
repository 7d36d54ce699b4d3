import type { Stage } from './stage.js';
import { orderStages } from './stage.js';

/** What puts an open deal in doubt and asks its owner to decide. */
export const DEAL_FLAG_KINDS = ['decision_maker_left'] as const;
export type DealFlagKind = (typeof DEAL_FLAG_KINDS)[number];

/** How a flag was settled: sent back to qualification, dismissed, or the contact came back. */
export type FlagResolution = 'requalified' | 'dismissed' | 'returned';

/**
 * Whether a contact is a deal's decision maker: the decision-maker role on the deal or on the
 * contact (the rule of the `decisionMaker` exit criterion).
 */
export function isDecisionMaker(linkRole: string | null, contactRole: string | null): boolean {
  return linkRole === 'decision_maker' || contactRole === 'decision_maker';
}

/**
 * The stage a deal goes back to for re-qualification: the pipeline's stage keyed
 * `qualification`; else the open stage just before the first qualified one (the last stage
 * before a lead counts as sales-qualified); else the first open stage. Archived stages are
 * skipped. Null when the pipeline has no open stage.
 * @example the default pipeline → Qualification
 */
export function requalificationStage(stages: readonly Stage[]): Stage | null {
  const open = orderStages([...stages]).filter((s) => s.kind === 'open' && !s.archived);
  const keyed = open.find((s) => s.key === 'qualification');
  if (keyed) return keyed;
  const firstQualified = open.findIndex((s) => s.isFirstQualified);
  if (firstQualified > 0) return open[firstQualified - 1] ?? null;
  return open[0] ?? null;
}

/** Whether `stage` comes before `target` in the pipeline's order (a move to target goes back). */
export function isAfter(stages: readonly Stage[], stageId: string, targetId: string): boolean {
  const ordered = orderStages([...stages]);
  const at = ordered.findIndex((s) => s.id === stageId);
  const target = ordered.findIndex((s) => s.id === targetId);
  return at > target && target >= 0;
}
