import type { DealRow } from '../../db/schema.js';
import type { AmountSource, DealContactLink, DealStatus } from '../../domain/deal.js';
import { toIso } from '../context.service.js';

export function toDealView(row: DealRow, contacts: DealContactLink[]) {
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
    status: row.status as DealStatus,
    lostReasonId: row.lost_reason_id,
    lostNote: row.lost_note,
    openedAt: toIso(row.opened_at),
    closedAt: toIso(row.closed_at),
    stageEnteredAt: toIso(row.stage_entered_at),
    lastActivityAt: toIso(row.last_activity_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
    contacts,
  };
}
export type DealView = ReturnType<typeof toDealView>;
