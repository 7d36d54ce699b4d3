/**
 * The ideal customer profile (see docs/qualify.md): kept on the workspace, suggested from its
 * closed deals, and measured on every company and, through its company, every deal.
 */
import {
  companyAttributes,
  type IcpField,
  listClosedDealCompanies,
  listIcpFields,
} from '../../db/icp.repository.js';
import { findWorkspace, updateWorkspaceAtVersion } from '../../db/workspace.repository.js';
import { notFound } from '../../domain/errors.js';
import {
  type IcpCriterion,
  type IcpFit,
  type IcpSuggestion,
  icpFit,
  suggestIcp,
  validateIcp,
} from '../../domain/icp.js';
import { requirePermission, type ServiceContext, versionConflict } from '../context.service.js';
import { loadVisibleDeal } from '../deals/deal-access.js';
import { getCompany } from './company.service.js';

export interface IcpView {
  criteria: IcpCriterion[];
  /** What a profile can name: company columns and category custom fields, labelled. */
  attributes: Omit<IcpField, 'fieldId'>[];
  /** The workspace's version: the profile is one of its settings. */
  version: number;
}

async function loadProfile(ctx: ServiceContext) {
  const row = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!row) throw notFound('Workspace');
  return { criteria: JSON.parse(row.icp) as IcpCriterion[], version: row.version };
}

export async function getIcp(ctx: ServiceContext): Promise<IcpView> {
  const { criteria, version } = await loadProfile(ctx);
  const fields = await listIcpFields(ctx.db, ctx.actor.workspaceId);
  return {
    criteria,
    attributes: fields.map((f) => ({
      attribute: f.attribute,
      type: f.type,
      labelEn: f.labelEn,
      labelAr: f.labelAr,
    })),
    version,
  };
}

/** Replaces the profile if the workspace is still at `version` (else 409 with the current one). */
export async function setIcp(
  ctx: ServiceContext,
  version: number,
  criteria: readonly IcpCriterion[],
): Promise<IcpView> {
  requirePermission(ctx.actor, 'workspace.manage');
  const fields = await listIcpFields(ctx.db, ctx.actor.workspaceId);
  const valid = validateIcp(criteria, new Set(fields.map((f) => f.attribute)));
  const changed = await updateWorkspaceAtVersion(ctx.db, ctx.actor.workspaceId, version, {
    icp: JSON.stringify(valid),
  });
  const current = await getIcp(ctx);
  if (changed === 0) throw versionConflict(current);
  return current;
}

/** Which company attribute values win more, from the workspace's closed deals. */
export async function getIcpSuggestion(
  ctx: ServiceContext,
  options: { minDeals?: number | undefined } = {},
): Promise<IcpSuggestion> {
  const { workspaceId } = ctx.actor;
  const fields = await listIcpFields(ctx.db, workspaceId);
  const closed = await listClosedDealCompanies(ctx.db, workspaceId);
  const companies = await companyAttributes(
    ctx.db,
    workspaceId,
    closed.flatMap((d) => (d.company_id ? [d.company_id] : [])),
    fields,
  );
  const none = new Map<string, string[]>();
  return suggestIcp(
    closed.map((d) => ({
      won: d.status === 'won',
      attributes: (d.company_id && companies.get(d.company_id)) || none,
    })),
    fields.map((f) => f.attribute),
    options.minDeals === undefined ? {} : { minDeals: options.minDeals },
  );
}

async function fitOfCompany(ctx: ServiceContext, companyId: string | null): Promise<IcpFit> {
  const { criteria } = await loadProfile(ctx);
  if (companyId === null) return icpFit(criteria, new Map());
  const fields = await listIcpFields(ctx.db, ctx.actor.workspaceId);
  const attributes = await companyAttributes(ctx.db, ctx.actor.workspaceId, [companyId], fields);
  return icpFit(criteria, attributes.get(companyId) ?? new Map());
}

/** How far a company fits the profile, criterion by criterion. */
export async function getCompanyIcpFit(ctx: ServiceContext, id: string): Promise<IcpFit> {
  const company = await getCompany(ctx, id);
  return fitOfCompany(ctx, company.id);
}

/** A deal fits as its company does; without a company every criterion is unknown. */
export async function getDealIcpFit(ctx: ServiceContext, id: string): Promise<IcpFit> {
  const deal = await loadVisibleDeal(ctx, id);
  return fitOfCompany(ctx, deal.company_id);
}
