import { listForecastCallRows, insertForecastCall } from '../../db/forecast-call.repository.js';
import { newId } from '../../db/id.js';
import { findPipeline } from '../../db/pipeline.repository.js';
import { listTeamMemberIds, listTeams } from '../../db/team.repository.js';
import { listMembers } from '../../db/user.repository.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import {
  type Call,
  type CallScope,
  parseScopeKey,
  rolledUpCall,
  scopeKeyOf,
} from '../../domain/forecast-call.js';
import { nameOfPeriod } from '../../domain/period-name.js';
import { type Period, parsePeriod } from '../../domain/period.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';
import { getForecast } from './forecast.service.js';

export interface ForecastCallInput {
  period: string;
  /** Whose call: `own` (the caller's own deals), a `team`, or the `workspace`. */
  scope: 'own' | 'team' | 'workspace';
  teamId?: string | undefined;
  /** One pipeline, or all pipelines when absent. */
  pipelineId?: string | undefined;
  commitMinor: number;
  bestCaseMinor: number;
  note?: string | null | undefined;
}

function invalid(path: string[], message: string, code: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [{ path, message, code }]);
}

function periodOf(text: string): Period {
  try {
    return parsePeriod(text);
  } catch {
    throw invalid(
      ['period'],
      'Use 2026, 2026-Q1, 2026-03 or 2026-01-01..2026-04-01',
      'invalid_period',
    );
  }
}

async function pipelineOf(ctx: ServiceContext, pipelineId: string | undefined) {
  if (!pipelineId) return null;
  const pipeline = await findPipeline(ctx.db, ctx.actor.workspaceId, pipelineId);
  if (!pipeline) throw notFound('Pipeline');
  return pipeline.id;
}

/** Reps call for their own deals; managers and admins for a team or the workspace too. */
async function scopeOf(
  ctx: ServiceContext,
  userId: string,
  input: ForecastCallInput,
): Promise<CallScope> {
  if (input.scope === 'own') return { kind: 'owner', userId };
  if (ctx.actor.role === 'rep') {
    throw new DomainError('FORBIDDEN', 'A rep calls for their own deals only', [
      { path: ['scope'], message: 'Managers and admins call for teams', code: 'forbidden_scope' },
    ]);
  }
  if (input.scope === 'workspace') return { kind: 'workspace' };
  const teamId = input.teamId?.trim();
  const teams = await listTeams(ctx.db, ctx.actor.workspaceId);
  if (!teamId || !teams.some((t) => t.id === teamId)) {
    throw invalid(['teamId'], 'Team not found in this workspace', 'unknown_reference');
  }
  return { kind: 'team', teamId };
}

function toCallView(row: Awaited<ReturnType<typeof listForecastCallRows>>[number]) {
  const scope = parseScopeKey(row.scope_key);
  return {
    id: row.id,
    userId: row.user_id,
    userName: row.user_name,
    scope: scope.kind === 'owner' ? ('own' as const) : scope.kind,
    teamId: scope.kind === 'team' ? scope.teamId : null,
    pipelineId: row.pipeline_id,
    period: { from: row.period_from, to: row.period_to },
    commit: { minor: row.commit_minor, currency: row.currency },
    bestCase: { minor: row.best_case_minor, currency: row.currency },
    note: row.note,
    submittedAt: toIso(row.submitted_at) ?? '',
  };
}
export type ForecastCallView = ReturnType<typeof toCallView>;

/**
 * Submits a call for a period. A call is never edited: a new call for the same scope is a new
 * row, and the latest one is the scope's call from then on (the earlier ones stay, for the
 * backtest and for anyone asking what was said when). Amounts are in the base currency.
 */
export async function submitForecastCall(
  ctx: ServiceContext,
  input: ForecastCallInput,
): Promise<ForecastCallView> {
  requirePermission(ctx.actor, 'records.write');
  const { userId } = ctx.actor;
  if (userId === null) {
    throw new DomainError('FORBIDDEN', 'A call is a person’s: sign in to make one');
  }
  const period = periodOf(input.period);
  if (input.bestCaseMinor < input.commitMinor) {
    throw invalid(
      ['bestCaseMinor'],
      'The best case is at least the commit',
      'best_case_below_commit',
    );
  }
  const [scope, pipelineId, workspace] = await Promise.all([
    scopeOf(ctx, userId, input),
    pipelineOf(ctx, input.pipelineId),
    findWorkspace(ctx.db, ctx.actor.workspaceId),
  ]);
  if (!workspace) throw notFound('Workspace');
  const id = newId();
  await insertForecastCall(ctx.db, {
    id,
    workspace_id: ctx.actor.workspaceId,
    user_id: userId,
    scope_key: scopeKeyOf(scope),
    pipeline_id: pipelineId,
    period_from: period.from,
    period_to: period.to,
    commit_minor: input.commitMinor,
    best_case_minor: input.bestCaseMinor,
    currency: workspace.base_currency,
    note: input.note?.trim() || null,
    submitted_at: ctx.now,
  });
  const rows = await listForecastCallRows(ctx.db, ctx.actor.workspaceId, period, pipelineId);
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('Forecast call');
  return toCallView(row);
}

/** A period's calls as stored, for the backtest and the roll-up: newest first. */
export async function loadCalls(
  ctx: ServiceContext,
  period: Period,
  pipelineId: string | null,
): Promise<(Call & { row: Awaited<ReturnType<typeof listForecastCallRows>>[number] })[]> {
  const rows = await listForecastCallRows(ctx.db, ctx.actor.workspaceId, period, pipelineId);
  return rows.map((row) => ({
    userId: row.user_id,
    scopeKey: row.scope_key,
    commitMinor: row.commit_minor,
    bestCaseMinor: row.best_case_minor,
    submittedAt: row.submitted_at,
    row,
  }));
}

/** Every call made for a period, newest first; a rep sees their own. */
export async function listForecastCalls(
  ctx: ServiceContext,
  query: { period: string; pipelineId?: string | undefined },
): Promise<ForecastCallView[]> {
  requirePermission(ctx.actor, 'read');
  const period = periodOf(query.period);
  const pipelineId = await pipelineOf(ctx, query.pipelineId);
  const rows = await listForecastCallRows(ctx.db, ctx.actor.workspaceId, period, pipelineId);
  return rows
    .filter((r) => ctx.actor.role !== 'rep' || r.user_id === ctx.actor.userId)
    .map(toCallView);
}

/**
 * The manager's roll-up of a period: for each member, each team and the workspace, the call
 * in force now beside the model's forecast and the weighted pipeline of the same deals. A team
 * or the workspace without a call of its own shows the sum of its members' calls. A rep sees
 * their own row.
 */
export async function getForecastRollup(
  ctx: ServiceContext,
  query: { period: string; pipelineId?: string | undefined },
) {
  requirePermission(ctx.actor, 'read');
  const period = periodOf(query.period);
  const pipelineId = await pipelineOf(ctx, query.pipelineId);
  const { workspaceId } = ctx.actor;
  const [calls, members, teams, teamMembers] = await Promise.all([
    loadCalls(ctx, period, pipelineId),
    listMembers(ctx.db, workspaceId),
    listTeams(ctx.db, workspaceId),
    listTeamMemberIds(ctx.db, workspaceId),
  ]);
  const isRep = ctx.actor.role === 'rep';
  const filter = pipelineId ? { pipelineId } : {};
  const row = async (
    scope: CallScope,
    name: string,
    memberIds: string[],
    forecastFilter: { ownerId?: string; teamId?: string },
  ) => {
    const forecast = await getForecast(ctx, {
      period: query.period,
      ...filter,
      ...forecastFilter,
    });
    const call = rolledUpCall(calls, scopeKeyOf(scope), memberIds, ctx.now);
    return {
      scope: scope.kind === 'owner' ? ('own' as const) : scope.kind,
      id: scope.kind === 'owner' ? scope.userId : scope.kind === 'team' ? scope.teamId : null,
      name,
      call: call && {
        commit: { minor: call.commitMinor, currency: forecast.currency },
        bestCase: { minor: call.bestCaseMinor, currency: forecast.currency },
        basis: call.basis,
        calls: call.calls,
        submittedAt: toIso(call.submittedAt) ?? '',
      },
      model: forecast.expected,
      range: forecast.range,
      wonSoFar: forecast.wonSoFar,
      weightedPipeline: forecast.weightedOpen,
      commitPipeline: forecast.byCategory.commit.amount,
      bestCasePipeline: forecast.byCategory.best_case.amount,
    };
  };
  const visible = isRep ? members.filter((m) => m.id === ctx.actor.userId) : members;
  const people = [];
  for (const member of visible) {
    people.push(
      await row({ kind: 'owner', userId: member.id }, member.name, [member.id], {
        ownerId: member.id,
      }),
    );
  }
  const teamRows = [];
  if (!isRep) {
    for (const team of teams) {
      teamRows.push(
        await row({ kind: 'team', teamId: team.id }, team.name, teamMembers.get(team.id) ?? [], {
          teamId: team.id,
        }),
      );
    }
  }
  const total = isRep
    ? null
    : await row(
        { kind: 'workspace' },
        '',
        members.map((m) => m.id),
        {},
      );
  return {
    period: { name: nameOfPeriod(period), from: period.from, to: period.to },
    pipelineId,
    people,
    teams: teamRows,
    total,
    generatedAt: toIso(ctx.now) ?? '',
  };
}
export type ForecastRollupView = Awaited<ReturnType<typeof getForecastRollup>>;
