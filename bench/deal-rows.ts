/**
 * Turns a simulated deal path into the rows the database stores: the deal, its stage history,
 * its field history (amount and close-date changes) and its contact link, consistent with each
 * other and with the stages' exit criteria.
 */
import type { Insertable } from 'kysely';
import type {
  DealContactTable,
  DealFieldHistoryTable,
  DealTable,
  StageHistoryTable,
} from '../src/db/schema.js';
import { buildSearchText } from '../src/domain/search-text.js';
import { type DealCurrency, type Owner, type SeededCompany, USD_PER_UNIT } from './bench-people.js';
import { generateFieldChanges, roundToTwoDigits } from './deal-field-changes.js';
import { type DealPath, WON_STAGE_INDEX } from './deal-path.js';
import { DEAL_SOURCES, dealTitle } from './sample-names.js';
import {
  chance,
  logNormal,
  pick,
  pickWeighted,
  type Random,
  randomInt,
  uuidV7At,
} from '../src/demo/random.js';

const DAY_MS = 86_400_000;

export interface DealRows {
  deals: Insertable<DealTable>[];
  history: Insertable<StageHistoryTable>[];
  fieldHistory: Insertable<DealFieldHistoryTable>[];
  links: Insertable<DealContactTable>[];
}

/** What turning a path into rows needs: the workspace's ids and the shared random sources. */
export interface DealRowsContext {
  workspaceId: string;
  pipelineId: string;
  /** Stage ids by model index: 0 lead_generation … 6 follow_up (won). */
  stageIds: string[];
  lostReasonIds: Map<string, string>;
  anyLostReasonIds: string[];
  owners: Owner[];
  ownerTotalWeight: number;
  companies: SeededCompany[];
  now: number;
  random: Random;
  ids: Random;
  /** The field changes' own stream, so drawing them leaves the rest of the data as it was. */
  changes: Random;
}

function pickOwner(context: DealRowsContext): Owner {
  let target = context.random.next() * context.ownerTotalWeight;
  for (const owner of context.owners) {
    target -= owner.weight;
    if (target < 0) return owner;
  }
  return pick(context.random, context.owners);
}

/** A few big accounts hold many deals, most companies a handful. */
function pickCompany(context: DealRowsContext): SeededCompany {
  const { companies, random } = context;
  const index = Math.floor(companies.length * random.next() ** 1.7);
  return companies[index] ?? pick(random, companies);
}

function isoDay(ms: number): string {
  // The workspace is in Riyadh (UTC+3, no daylight saving).
  return new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Turns a simulated path into a deal row, its history rows, its field-history rows and its
 * contact link. A deal carries what the exit criteria of every stage it left demand: company
 * and contact past Qualification, an amount past Initial contact, an expected close date past
 * Proposal. Each field change is one update of the deal: it counts in `version`, and the last
 * one may be the deal's `updated_at`.
 */
export function buildDealRows(
  context: DealRowsContext,
  path: DealPath,
  { deals, history, fieldHistory, links }: DealRows,
): void {
  const { random, ids, stageIds, workspaceId } = context;
  const isWon = path.status === 'won';
  const reached = isWon ? WON_STAGE_INDEX : path.furthestStage;
  const firstStep = path.steps[0];
  const lastStep = path.steps.at(-1);
  if (!firstStep || !lastStep) throw new Error('A deal path has at least one step');
  const openedAt = firstStep.at;
  const id = uuidV7At(ids, openedAt);
  const owner = pickOwner(context);
  const company = reached >= 3 || chance(random, 0.85) ? pickCompany(context) : null;
  const hasContact = company !== null && (reached >= 3 || chance(random, 0.3));

  const currency = pickWeighted<DealCurrency>(random, [
    ['USD', 70],
    ['SAR', 15],
    ['EUR', 10],
    ['AED', 5],
  ]);
  const hasAmount = reached >= 4 || chance(random, 0.7);
  const amountUsd = Math.min(5_000_000, Math.max(300, logNormal(random, 15_000, 1)));
  const amountMinor = hasAmount ? roundToTwoDigits(amountUsd / USD_PER_UNIT[currency]) * 100 : null;
  const hasCloseDate = reached >= 5 || chance(random, reached >= 3 ? 0.6 : 0.2);
  const expectedCloseAt =
    path.closedAt !== null
      ? path.closedAt + Math.round(logNormal(random, 1, 1) * 10 - 10) * DAY_MS
      : lastStep.at + (WON_STAGE_INDEX - path.stage) * randomInt(random, 8, 25) * DAY_MS;

  let updatedAt = lastStep.at;
  let version = path.steps.length;
  let deletedAt: number | null = null;
  const deleteAt = lastStep.at + randomInt(random, 1, 60) * DAY_MS;
  if (chance(random, 0.004) && deleteAt <= context.now) {
    deletedAt = deleteAt;
    updatedAt = deleteAt;
    version += 1;
  }
  const expectedCloseDate = hasCloseDate ? isoDay(expectedCloseAt) : null;
  const changes = generateFieldChanges(context.changes, {
    amountMinor,
    expectedCloseDate,
    openedAt,
    endAt: path.closedAt ?? deletedAt ?? context.now,
  });
  version += changes.length;
  updatedAt = Math.max(updatedAt, changes.at(-1)?.at ?? updatedAt);
  const title = dealTitle(random, company?.name ?? null);
  const source = pickWeighted(random, DEAL_SOURCES);
  const lostReasonId =
    lastStep.lostReasonLabel === null
      ? null
      : (context.lostReasonIds.get(lastStep.lostReasonLabel) ??
        pick(random, context.anyLostReasonIds));

  deals.push({
    id,
    workspace_id: workspaceId,
    pipeline_id: context.pipelineId,
    stage_id: stageIds[path.stage] ?? '',
    title,
    company_id: company?.id ?? null,
    owner_id: owner.id,
    amount_minor: amountMinor,
    currency,
    amount_source: isWon ? 'signed' : reached >= 4 ? 'quoted' : 'estimate',
    expected_close_date: expectedCloseDate,
    probability_override:
      path.status === 'open' && path.stage >= 3 && chance(random, 0.04)
        ? randomInt(random, 3, 19) * 5
        : null,
    source,
    status: path.status,
    lost_reason_id: lostReasonId,
    lost_note: path.lostNote,
    opened_at: openedAt,
    closed_at: path.closedAt,
    stage_entered_at: lastStep.at,
    last_activity_at: null,
    search_text: buildSearchText(title, source),
    created_at: openedAt,
    updated_at: updatedAt,
    deleted_at: deletedAt,
    version,
  });
  for (const step of path.steps) {
    history.push({
      id: uuidV7At(ids, step.at),
      workspace_id: workspaceId,
      deal_id: id,
      from_stage_id: step.fromStage === null ? null : (stageIds[step.fromStage] ?? null),
      to_stage_id: stageIds[step.toStage] ?? '',
      from_status: step.fromStatus,
      to_status: step.toStatus,
      at: step.at,
      actor_user_id: owner.id,
      reason: step.reason,
      lost_reason_id: step.toStatus === 'lost' ? lostReasonId : null,
    });
  }
  for (const change of changes) {
    fieldHistory.push({
      id: uuidV7At(ids, change.at),
      workspace_id: workspaceId,
      deal_id: id,
      field: change.field,
      from_value: change.from,
      to_value: change.to,
      at: change.at,
      actor_user_id: owner.id,
      source: 'person',
    });
  }
  if (hasContact) {
    links.push({
      workspace_id: workspaceId,
      deal_id: id,
      contact_id: company.contactId,
      role: chance(random, 0.5) ? 'decision_maker' : null,
    });
  }
}
