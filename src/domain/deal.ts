import type { DealFacts } from './exit-criteria.js';

export type DealStatus = 'open' | 'won' | 'lost';
export type AmountSource = 'estimate' | 'quoted' | 'signed';
export const AMOUNT_SOURCES = ['estimate', 'quoted', 'signed'] as const;

/** New business, or more from a customer already won: an upsell or a cross-sell. */
export const BUSINESS_KINDS = ['new', 'upsell', 'cross_sell'] as const;
export type BusinessKind = (typeof BUSINESS_KINDS)[number];
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;

/** A contact on a deal, with the part they play in it (decision maker, champion …). */
export interface DealContactLink {
  contactId: string;
  role: string | null;
}

/** The part of a deal that stage and status rules read. */
export interface DealState extends DealFacts {
  stageId: string;
  pipelineId: string;
  status: DealStatus;
  closedAt: number | null;
}

/** One row of the append-only stage history (docs/concepts.md#the-stage-history). */
export interface StageChange {
  fromStageId: string | null;
  toStageId: string;
  fromStatus: DealStatus | null;
  toStatus: DealStatus;
  at: number;
  reason: string | null;
  lostReasonId: string | null;
}

/** Where a deal stands in its pipeline: the columns its stage history explains. */
export interface DealPosition {
  stageId: string;
  status: DealStatus;
  closedAt: number | null;
  lostReasonId: string | null;
  lostNote: string | null;
  stageEnteredAt: number;
}

/** What a rule decides: the deal's new position and the history row to append. */
export interface DealTransition extends DealPosition {
  change: StageChange;
}
