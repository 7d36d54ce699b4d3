import type { Insertable } from 'kysely';
import { newId } from '../../../db/id.js';
import {
  findDealsForImport,
  findExternalRefs,
  insertRowsInChunks,
  listDealContactPairs,
  listDealItems,
  refreshStatisticsAfterImport,
} from '../../../db/import.repository.js';
import { listPipelines } from '../../../db/pipeline.repository.js';
import { findWorkspace } from '../../../db/workspace.repository.js';
import type { DealContactTable, DealItemTable } from '../../../db/schema.js';
import { withoutFloatNoise } from '../../../domain/import/export-cells.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { type ImportOptions, mappingOptions } from '../../../domain/import/import-mapping.js';
import type { ImportReport, RejectsSink } from '../../../domain/import/import-report.js';
import { hasExcessPrecision } from '../../../domain/import/import-amount.js';
import { currencyExponent, parseAmountToMinor } from '../../../domain/money.js';
import type { ServiceContext } from '../../context.service.js';
import { createPipeline } from '../../pipeline/pipeline.service.js';
import { type ImportProgress, importRecords, isBulk, isRefused } from '../import/import.service.js';
import { readMappingFile } from '../import/import-plan.service.js';
import { listExportFiles } from './export-folder.js';
import type {
  LikelyMiss,
  MigrationPlan,
  MigrationSource,
  PlanContext,
  PlanNote,
  SourcePipeline,
} from './migration-plan.js';
import { planHubSpot } from './hubspot-export.js';
import { planPipedrive } from './pipedrive-export.js';
import { planSalesforce } from './salesforce-export.js';

export { MIGRATION_SOURCES, type MigrationSource } from './migration-plan.js';

export interface MigrationRequest {
  source: MigrationSource;
  folder: string;
  /** A mapping file whose keys apply to every file (values, owners, `pipeline` …). */
  mappingPath?: string | undefined;
  /** The mapping itself (the wizard's), when there is no file. */
  mapping?: ImportOptions | undefined;
  /** Columns of one file mapped to another field than the migration's (null: not imported). */
  columnsByFile?: Record<string, Record<string, string | null>> | undefined;
  /** Where each file's rejected rows go, with their cells. */
  rejectsFor?: ((file: string) => RejectsSink) | undefined;
  dryRun?: boolean | undefined;
  onProgress?: ((file: string, progress: ImportProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface MigrationReport {
  source: MigrationSource;
  folder: string;
  dryRun: boolean;
  committed: boolean;
  pipelines: { name: string; created: boolean; stages: string[] }[];
  files: ImportReport[];
  dealContacts: { linked: number; alreadyLinked: number };
  dealItems: { added: number; dealsWithItems: number; unreadable: number };
  notRead: string[];
  notes: PlanNote[];
  likelyMisses: LikelyMiss[];
}

class MigrationRollBack extends Error {}

/** Reads the folder and decides what the migration does, before anything is written. */
export async function planMigration(
  source: MigrationSource,
  folder: string,
  mapping: ImportOptions,
  context: PlanContext,
): Promise<MigrationPlan> {
  const files = await listExportFiles(folder);
  switch (source) {
    case 'salesforce':
      return planSalesforce(files, mapping, context);
    case 'hubspot':
      return planHubSpot(files, mapping, context);
    case 'pipedrive':
      return planPipedrive(files, mapping, context);
  }
}

/**
 * Brings another CRM's export folder into the workspace with its history: its people,
 * companies, contacts, products, deals with their stage and field history, activities, and
 * the deals' contacts and line items, in one transaction — all or nothing, and a dry run does
 * all of it and rolls it back. The org's pipeline is made as it was (its stages in order, with
 * their probabilities) unless the mapping names a `pipeline` to map onto. Every record keeps its
 * id in the other CRM as an external id, so running it again changes nothing. See docs/import.md.
 */
export async function migrateExport(
  ctx: ServiceContext,
  request: MigrationRequest,
): Promise<MigrationReport> {
  const mapping = request.mappingPath ? await readMappingFile(request.mappingPath) : {};
  const options = { ...mappingOptions(mapping), ...request.mapping };
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  const plan = await planMigration(request.source, request.folder, options, {
    timeZone: workspace?.time_zone ?? 'UTC',
    now: ctx.now,
  });
  const isDryRun = request.dryRun ?? false;
  const report: MigrationReport = {
    source: plan.source,
    folder: request.folder,
    dryRun: isDryRun,
    committed: false,
    pipelines: [],
    files: [],
    dealContacts: { linked: 0, alreadyLinked: 0 },
    dealItems: { added: 0, dealsWithItems: 0, unreadable: 0 },
    notRead: plan.notRead,
    notes: [],
    likelyMisses: plan.likelyMisses,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx };
      if (!options.pipeline) {
        for (const pipeline of plan.pipelines)
          report.pipelines.push(await ensurePipeline(tx, pipeline));
      }
      for (const entry of plan.entries) {
        const columns = request.columnsByFile?.[entry.file];
        const fileReport = await importRecords(tx, {
          kind: entry.kind,
          source: entry.source,
          options: columns
            ? { ...entry.options, columns: { ...entry.options.columns, ...columns } }
            : entry.options,
          dryRun: isDryRun,
          rejects: request.rejectsFor?.(entry.file),
          dealHistories: entry.dealHistories,
          signal: request.signal,
          onProgress: (p) => request.onProgress?.(entry.file, p),
        });
        fileReport.file = entry.file;
        report.files.push(fileReport);
      }
      if (!report.files.some(isRefused)) {
        report.dealContacts = await linkDealContacts(tx, plan);
        report.dealItems = await addDealItems(tx, plan);
      }
      if (isDryRun || report.files.some(isRefused)) throw new MigrationRollBack();
    });
    report.committed = true;
  } catch (error) {
    if (!(error instanceof MigrationRollBack)) throw error;
  }
  report.notes = plan.notes.list();
  for (const file of report.files) file.committed = report.committed;
  if (report.committed && report.files.some(isBulk)) await refreshStatisticsAfterImport(ctx.db);
  return report;
}

/** The pipeline of the other CRM: found by name (an earlier run made it), else made. */
async function ensurePipeline(
  ctx: ServiceContext,
  pipeline: SourcePipeline,
): Promise<MigrationReport['pipelines'][number]> {
  const existing = (await listPipelines(ctx.db, ctx.actor.workspaceId)).find(
    (p) => p.archived_at === null && headerKey(p.name_en) === headerKey(pipeline.name),
  );
  const stages = pipeline.stages.map((s) => s.name);
  if (existing) return { name: existing.name_en, created: false, stages };
  await createPipeline(ctx, {
    nameEn: pipeline.name,
    nameAr: pipeline.name,
    stages: pipeline.stages.map((s) => ({
      nameEn: s.name,
      nameAr: s.name,
      kind: s.kind,
      probability: s.probability,
      forecastCategory: s.forecastCategory,
    })),
  });
  return { name: pipeline.name, created: true, stages };
}

function chunks<T>(items: T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Our ids for the source's ids of one kind, from what earlier runs recorded. */
async function refsOf(ctx: ServiceContext, plan: MigrationPlan, kind: string, ids: string[]) {
  return findExternalRefs(
    ctx.db,
    { workspaceId: ctx.actor.workspaceId, kind, source: plan.source },
    ids,
  );
}

/** Links each deal to its contacts (with their part in it) once; links made before stay. */
async function linkDealContacts(
  ctx: ServiceContext,
  plan: MigrationPlan,
): Promise<MigrationReport['dealContacts']> {
  const result = { linked: 0, alreadyLinked: 0 };
  if (plan.dealContacts.length === 0) return result;
  const workspaceId = ctx.actor.workspaceId;
  const deals = await refsOf(
    ctx,
    plan,
    'deal',
    plan.dealContacts.map((l) => l.dealId),
  );
  const contacts = await refsOf(
    ctx,
    plan,
    'contact',
    plan.dealContacts.map((l) => l.contactId),
  );
  const existing = new Set<string>();
  for (const ids of chunks([...new Set(deals.values())])) {
    for (const pair of await listDealContactPairs(ctx.db, workspaceId, ids)) {
      existing.add(`${pair.deal_id} ${pair.contact_id}`);
    }
  }
  const rows: Insertable<DealContactTable>[] = [];
  for (const link of plan.dealContacts) {
    const dealId = deals.get(link.dealId);
    const contactId = contacts.get(link.contactId);
    if (!dealId || !contactId) continue;
    const key = `${dealId} ${contactId}`;
    if (existing.has(key)) {
      result.alreadyLinked += 1;
      continue;
    }
    existing.add(key);
    rows.push({
      workspace_id: workspaceId,
      deal_id: dealId,
      contact_id: contactId,
      role: link.role,
    });
  }
  await insertRowsInChunks(ctx.db, 'deal_contacts', rows);
  result.linked = rows.length;
  return result;
}

/**
 * Gives each deal its line items, at their own unit price in the deal's currency, when it has
 * none yet (so a second run adds nothing). A price the deal's currency cannot hold exactly is
 * counted, not rounded.
 */
async function addDealItems(
  ctx: ServiceContext,
  plan: MigrationPlan,
): Promise<MigrationReport['dealItems']> {
  const result = { added: 0, dealsWithItems: 0, unreadable: 0 };
  if (plan.dealItems.length === 0) return result;
  const workspaceId = ctx.actor.workspaceId;
  const deals = await refsOf(
    ctx,
    plan,
    'deal',
    plan.dealItems.map((i) => i.dealId),
  );
  const products = await refsOf(
    ctx,
    plan,
    'product',
    plan.dealItems.map((i) => i.productId),
  );
  const dealIds = [...new Set(deals.values())];
  const withItems = new Set<string>();
  const currencies = new Map<string, string>();
  for (const ids of chunks(dealIds)) {
    for (const item of await listDealItems(ctx.db, workspaceId, ids)) withItems.add(item.deal_id);
    for (const deal of await findDealsForImport(ctx.db, workspaceId, ids)) {
      currencies.set(deal.id, deal.currency);
    }
  }
  result.dealsWithItems = withItems.size;
  const rows: Insertable<DealItemTable>[] = [];
  const positions = new Map<string, number>();
  for (const item of plan.dealItems) {
    const dealId = deals.get(item.dealId);
    const productId = products.get(item.productId);
    const currency = dealId ? currencies.get(dealId) : undefined;
    if (!dealId || !productId || !currency || withItems.has(dealId)) continue;
    let price: number | null = null;
    if (item.unitPrice !== null) {
      const text = withoutFloatNoise(item.unitPrice);
      if (hasExcessPrecision(text, currencyExponent(currency)) || !/^\d+(\.\d+)?$/.test(text)) {
        result.unreadable += 1;
        continue;
      }
      price = parseAmountToMinor(text, currency);
    }
    const position = positions.get(dealId) ?? 0;
    positions.set(dealId, position + 1);
    rows.push({
      id: newId(),
      workspace_id: workspaceId,
      deal_id: dealId,
      product_id: productId,
      quantity: item.quantity,
      unit_price_minor: price,
      currency,
      position,
    });
  }
  await insertRowsInChunks(ctx.db, 'deal_items', rows);
  result.added = rows.length;
  return result;
}
