/**
 * The floor an import is measured against: the same CSV read with the same parser and written
 * as the same rows (companies, deals, their two history rows, external ids) with plain batched
 * multi-row INSERTs, the obvious hand-written way — no column guessing, no matching beyond
 * exact names, no checks, no report — in one transaction, committed, like the import.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { Insertable } from 'kysely';
import type { Db } from '../src/db/connection.js';
import { newId } from '../src/db/id.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import type {
  CompanyTable,
  DealTable,
  ExternalRefTable,
  StageHistoryTable,
} from '../src/db/schema.js';
import { buildSearchText } from '../src/domain/search-text.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { insertInChunks } from './batch-insert.js';

const BATCH = 1_000;
/** The workspace's zone (Asia/Riyadh) has no daylight saving: a fixed offset is exact. */
const startOfDay = (day: string) => Date.parse(`${day}T00:00:00+03:00`);

export interface BaselineCounts {
  companies: number;
  deals: number;
  history: number;
  refs: number;
}

export async function runRawInsert(ctx: ServiceContext, file: string): Promise<BaselineCounts> {
  const { workspaceId } = ctx.actor;
  const pipeline = await findDefaultPipeline(ctx.db, workspaceId);
  if (!pipeline) throw new Error('no pipeline');
  const stages = await listStages(ctx.db, workspaceId, pipeline.id);
  const stageByName = new Map(stages.map((s) => [s.nameEn, s.id]));
  const wonStage = stages.find((s) => s.kind === 'won')?.id ?? '';
  const owners = new Map(
    (
      await ctx.db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.email'])
        .where('memberships.workspace_id', '=', workspaceId)
        .execute()
    ).map((u) => [u.email, u.id]),
  );
  const reasons = new Map(
    (
      await ctx.db
        .selectFrom('lost_reasons')
        .select(['id', 'label_en'])
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((r) => [r.label_en, r.id]),
  );
  const counts: BaselineCounts = { companies: 0, deals: 0, history: 0, refs: 0 };
  const lookups = { stageByName, wonStage, owners, reasons, pipelineId: pipeline.id };
  await ctx.db.transaction().execute((trx) => insertAll(trx, ctx, file, lookups, counts));
  return counts;
}

interface Lookups {
  stageByName: Map<string, string>;
  wonStage: string;
  owners: Map<string, string>;
  reasons: Map<string, string>;
  pipelineId: string;
}

async function insertAll(
  db: Db,
  ctx: ServiceContext,
  file: string,
  lookups: Lookups,
  counts: BaselineCounts,
): Promise<void> {
  const { workspaceId } = ctx.actor;
  const companies = new Map<string, string>();
  let companyRows: Insertable<CompanyTable>[] = [];
  let deals: Insertable<DealTable>[] = [];
  let history: Insertable<StageHistoryTable>[] = [];
  let refs: Insertable<ExternalRefTable>[] = [];
  const otherReason = newId();
  let isOtherWritten = false;
  const flush = async () => {
    await insertInChunks(db, 'companies', companyRows);
    await insertInChunks(db, 'deals', deals);
    await insertInChunks(db, 'stage_history', history);
    await insertInChunks(db, 'external_refs', refs);
    counts.companies += companyRows.length;
    counts.deals += deals.length;
    counts.history += history.length;
    counts.refs += refs.length;
    companyRows = [];
    deals = [];
    history = [];
    refs = [];
  };
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    const name = record.Company ?? '';
    let companyId = companies.get(name);
    if (!companyId) {
      companyId = newId();
      companies.set(name, companyId);
      companyRows.push({
        id: companyId,
        workspace_id: workspaceId,
        name,
        domain: null,
        sector: null,
        size: null,
        country: null,
        owner_id: ctx.actor.userId,
        search_text: buildSearchText(name),
        created_at: ctx.now,
        updated_at: ctx.now,
      });
    }
    const stageId = lookups.stageByName.get(record.Stage ?? '') ?? '';
    const status = record.Status ?? 'open';
    const openedAt = startOfDay(record.Created ?? '');
    const closedAt = status === 'open' ? null : startOfDay(record['Close date'] ?? '');
    let lostReasonId: string | null = null;
    if (status === 'lost') {
      lostReasonId = lookups.reasons.get(record['Lost reason'] ?? '') ?? otherReason;
      if (lostReasonId === otherReason && !isOtherWritten) {
        isOtherWritten = true;
        await db
          .insertInto('lost_reasons')
          .values({
            id: otherReason,
            workspace_id: workspaceId,
            label_en: 'Other',
            label_ar: 'أخرى',
            position: 99,
          })
          .execute();
      }
    }
    const dealId = newId();
    const title = record.Title ?? '';
    deals.push({
      id: dealId,
      workspace_id: workspaceId,
      pipeline_id: lookups.pipelineId,
      stage_id: status === 'won' ? lookups.wonStage : stageId,
      title,
      company_id: companyId,
      owner_id: lookups.owners.get(record.Owner ?? '') ?? null,
      amount_minor: Math.round(Number((record.Amount ?? '').replace(/,/g, '')) * 100),
      currency: record.Currency ?? 'USD',
      amount_source: status === 'won' ? 'signed' : 'estimate',
      expected_close_date: record['Close date'] || null,
      probability_override: null,
      source: null,
      status,
      lost_reason_id: lostReasonId,
      lost_note: null,
      opened_at: openedAt,
      closed_at: closedAt,
      stage_entered_at: closedAt ?? openedAt,
      last_activity_at: null,
      search_text: buildSearchText(title),
      created_at: ctx.now,
      updated_at: ctx.now,
      deleted_at: null,
      version: closedAt === null ? 1 : 2,
    });
    const step = (
      from: string | null,
      to: string,
      fromStatus: string | null,
      toStatus: string,
      at: number,
    ) => ({
      id: newId(),
      workspace_id: workspaceId,
      deal_id: dealId,
      from_stage_id: from,
      to_stage_id: to,
      from_status: fromStatus,
      to_status: toStatus,
      at,
      actor_user_id: ctx.actor.userId,
      reason: null,
      lost_reason_id: toStatus === 'lost' ? lostReasonId : null,
    });
    history.push(step(null, stageId, null, 'open', openedAt));
    if (closedAt !== null) {
      const to = status === 'won' ? lookups.wonStage : stageId;
      history.push(step(stageId, to, 'open', status, closedAt));
    }
    refs.push({
      workspace_id: workspaceId,
      kind: 'deal',
      source: 'file',
      external_id: record.ID ?? '',
      record_id: dealId,
      created_at: ctx.now,
    });
    if (deals.length >= BATCH) await flush();
  }
  await flush();
}
