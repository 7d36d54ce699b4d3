import { DEFAULT_FOLLOW_UP_TASKS } from '../../domain/follow-up.js';
import type { Db } from '../../db/connection.js';
import { newId } from '../../db/id.js';
import { insertPipeline, insertStages } from '../../db/pipeline.repository.js';
import { insertLostReasons } from '../../db/reference.repository.js';
import type { WorkspaceRow } from '../../db/schema.js';
import {
  countWorkspaces,
  findWorkspace,
  insertWorkspace,
  listWorkspaces,
  updateWorkspaceAtVersion,
} from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { isKnownCurrency } from '../../domain/money.js';
import { DEFAULT_STAGES } from '../../domain/stage.js';
import {
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';

export interface WorkspaceSettings {
  name: string;
  baseCurrency: string;
  defaultLocale: 'en' | 'ar';
  timeZone: string;
  /** First day of the week, 0 = Sunday … 6 = Saturday. */
  weekStart: number;
  repsSeeOwnDealsOnly: boolean;
  probabilityMode: 'configured' | 'historical';
}

const DEFAULT_LOST_REASONS: [string, string][] = [
  ['Price', 'السعر'],
  ['Chose a competitor', 'اختار منافسًا'],
  ['No budget', 'لا توجد ميزانية'],
  ['No decision / went silent', 'لا قرار / انقطع التواصل'],
  ['Timing', 'التوقيت'],
  ['Product fit', 'عدم ملاءمة المنتج'],
  ['Decision maker left', 'غادر صاحب القرار'],
];

export function toWorkspaceView(row: WorkspaceRow) {
  return {
    id: row.id,
    name: row.name,
    baseCurrency: row.base_currency,
    defaultLocale: row.default_locale as 'en' | 'ar',
    timeZone: row.time_zone,
    weekStart: row.week_start,
    repsSeeOwnDealsOnly: row.reps_see_own_deals_only === 1,
    probabilityMode: row.probability_mode as 'configured' | 'historical',
    createdAt: toIso(row.created_at),
    version: row.version,
  };
}
export type WorkspaceView = ReturnType<typeof toWorkspaceView>;

export function validateSettings(settings: Partial<WorkspaceSettings>): void {
  if (settings.baseCurrency !== undefined && !isKnownCurrency(settings.baseCurrency)) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown currency', [
      { path: ['baseCurrency'], message: `Unknown ISO-4217 currency ${settings.baseCurrency}` },
    ]);
  }
  if (settings.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: settings.timeZone });
    } catch {
      throw new DomainError('VALIDATION_FAILED', 'Unknown time zone', [
        { path: ['timeZone'], message: `Unknown IANA time zone ${settings.timeZone}` },
      ]);
    }
  }
}

/** Creates a workspace with the default seven-stage pipeline and lost-reason list. */
export async function createWorkspace(
  db: Db,
  settings: Partial<WorkspaceSettings> & { name: string },
  now: number,
): Promise<WorkspaceView> {
  validateSettings(settings);
  const workspaceId = newId();
  await insertWorkspace(db, {
    id: workspaceId,
    name: settings.name,
    base_currency: settings.baseCurrency ?? 'USD',
    default_locale: settings.defaultLocale ?? 'en',
    time_zone: settings.timeZone ?? 'UTC',
    week_start: settings.weekStart ?? 1,
    reps_see_own_deals_only: settings.repsSeeOwnDealsOnly ? 1 : 0,
    probability_mode: settings.probabilityMode ?? 'configured',
    created_at: now,
  });
  const pipelineId = newId();
  await insertPipeline(db, {
    id: pipelineId,
    workspace_id: workspaceId,
    name_en: 'Sales',
    name_ar: 'المبيعات',
    position: 1,
    is_default: 1,
    follow_up_tasks: JSON.stringify(DEFAULT_FOLLOW_UP_TASKS),
    created_at: now,
  });
  await insertStages(
    db,
    DEFAULT_STAGES.map((stage) => ({
      id: newId(),
      workspace_id: workspaceId,
      pipeline_id: pipelineId,
      key: stage.key,
      name_en: stage.nameEn,
      name_ar: stage.nameAr,
      position: stage.position,
      kind: stage.kind,
      probability: stage.probability,
      forecast_category: stage.forecastCategory,
      rotting_days: stage.rottingDays,
      exit_criteria: JSON.stringify(stage.exitCriteria),
      is_first_qualified: stage.isFirstQualified ? 1 : 0,
    })),
  );
  await insertLostReasons(
    db,
    DEFAULT_LOST_REASONS.map(([en, ar], index) => ({
      id: newId(),
      workspace_id: workspaceId,
      label_en: en,
      label_ar: ar,
      position: index + 1,
    })),
  );
  const row = await findWorkspace(db, workspaceId);
  if (!row) throw notFound('Workspace');
  return toWorkspaceView(row);
}

export async function getWorkspace(ctx: ServiceContext): Promise<WorkspaceView> {
  const row = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!row) throw notFound('Workspace');
  return toWorkspaceView(row);
}

export async function updateWorkspace(
  ctx: ServiceContext,
  version: number,
  patch: Partial<WorkspaceSettings>,
): Promise<WorkspaceView> {
  requirePermission(ctx.actor, 'workspace.manage');
  validateSettings(patch);
  const changed = await updateWorkspaceAtVersion(ctx.db, ctx.actor.workspaceId, version, {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.baseCurrency !== undefined && { base_currency: patch.baseCurrency }),
    ...(patch.defaultLocale !== undefined && { default_locale: patch.defaultLocale }),
    ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
    ...(patch.weekStart !== undefined && { week_start: patch.weekStart }),
    ...(patch.repsSeeOwnDealsOnly !== undefined && {
      reps_see_own_deals_only: patch.repsSeeOwnDealsOnly ? 1 : 0,
    }),
    ...(patch.probabilityMode !== undefined && { probability_mode: patch.probabilityMode }),
  });
  const current = await getWorkspace(ctx);
  if (changed === 0) throw versionConflict(current);
  return current;
}

/**
 * The workspace a CLI command acts on: the only one, the one named by `--workspace` (id or
 * name), or a fresh one on an empty database.
 */
export async function resolveCliWorkspace(
  db: Db,
  selector: string | undefined,
  now: number,
): Promise<WorkspaceView> {
  const all = await listWorkspaces(db);
  if (selector) {
    const match = all.find((w) => w.id === selector || w.name === selector);
    if (!match) throw notFound(`Workspace "${selector}"`);
    return toWorkspaceView(match);
  }
  if ((await countWorkspaces(db)) === 0) return createWorkspace(db, { name: 'Qanat' }, now);
  const [only, ...others] = all;
  if (!only || others.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `There are ${all.length} workspaces; choose one with --workspace <id or name>`,
    );
  }
  return toWorkspaceView(only);
}
