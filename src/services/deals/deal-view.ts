import type { DealRow } from '../../db/schema.js';
import type { AmountSource, BusinessKind, DealContactLink, DealStatus } from '../../domain/deal.js';
import { type Qualification, qualificationScore } from '../../domain/qualification.js';
import type { DealFlagKind } from '../../domain/requalification.js';
import { toIso } from '../context.service.js';
import type { CustomFieldValues } from '../custom-values.js';

/** An id the deal had in a system it was imported from, e.g. `{ source: 'pipedrive', id: '42' }`. */
export interface ExternalId {
  source: string;
  id: string;
}

/** What a deal's view holds beside its own row. */
export interface DealRelated {
  contacts: DealContactLink[];
  externalIds: ExternalId[];
  /** Every active custom field of deals, null where the deal has no value. */
  customFields: CustomFieldValues;
  /** Stale now by the rule of domain/stale.ts (open, untouched past its stage's rotting days). */
  isStale: boolean;
  qualification: Qualification;
  /** What puts the deal in doubt and waits for its owner (a decision maker left …). */
  flags: DealFlag[];
}

export interface DealFlag {
  id: string;
  kind: DealFlagKind;
  contactId: string | null;
  contactName: string | null;
  note: string | null;
  raisedAt: string;
}

export function toDealView(row: DealRow, related: DealRelated) {
  return {
    id: row.id,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    title: row.title,
    companyId: row.company_id,
    ownerId: row.owner_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    amountSource: row.amount_source as AmountSource,
    expectedCloseDate: row.expected_close_date,
    probabilityOverride: row.probability_override,
    source: row.source,
    businessKind: row.business_kind as BusinessKind,
    originDealId: row.origin_deal_id,
    status: row.status as DealStatus,
    lostReasonId: row.lost_reason_id,
    lostNote: row.lost_note,
    openedAt: toIso(row.opened_at),
    closedAt: toIso(row.closed_at),
    stageEnteredAt: toIso(row.stage_entered_at),
    lastActivityAt: toIso(row.last_activity_at),
    valueVerifiedAt: toIso(row.value_verified_at),
    valueVerifiedBy: row.value_verified_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
    contacts: related.contacts,
    externalIds: related.externalIds,
    customFields: related.customFields,
    isStale: related.isStale,
    qualification: { ...related.qualification, score: qualificationScore(related.qualification) },
    flags: related.flags,
  };
}
export type DealView = ReturnType<typeof toDealView>;
