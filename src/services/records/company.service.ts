import type { Updateable } from 'kysely';
import {
  type CompanyListQuery,
  countDealsOfCompany,
  findCompany,
  insertCompany,
  listCompanies,
  lockCompany,
} from '../../db/company.repository.js';
import { newId } from '../../db/id.js';
import type { CompanyRow, CompanyTable } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { buildSearchText } from '../../domain/search-text.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  toIso,
  versionConflict,
} from '../context.service.js';
import { assertMember } from '../references.js';
import {
  type CustomFieldQuery,
  type CustomFieldSortKey,
  type CustomFieldValues,
  customFieldsOfRecords,
  prepareCustomValues,
  resolveCustomListQuery,
  writeCustomValues,
} from '../custom-values.js';
import { normalizeWebDomain } from '../../domain/web-domain.js';

/** A company as the API shows it; `customFields` from customFieldsOfRecords (custom-values.ts). */
export function toCompanyView(row: CompanyRow, customFields: CustomFieldValues = {}) {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    sector: row.sector,
    size: row.size,
    country: row.country,
    ownerId: row.owner_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: row.version,
    customFields,
  };
}
export type CompanyView = ReturnType<typeof toCompanyView>;

export interface CompanyInput {
  name: string;
  /** Any form people paste (`https://www.acme.com/about`); stored as `acme.com`. */
  domain?: string | null | undefined;
  sector?: string | null | undefined;
  size?: string | null | undefined;
  country?: string | null | undefined;
  ownerId?: string | null | undefined;
  /** Custom-field values by key (see docs/custom-fields.md); on update, only those given change. */
  customFields?: Readonly<Record<string, unknown>> | undefined;
}

export type CompanyPatch = Partial<CompanyInput>;

/** The stored form of a domain; an empty one clears it, one that is not a host name is a 400. */
function domainOf(input: string | null): string | null {
  if (input === null || input.trim() === '') return null;
  const domain = normalizeWebDomain(input);
  if (!domain) {
    throw new DomainError('VALIDATION_FAILED', 'Not a web domain', [
      { path: ['domain'], message: 'Expected a domain such as acme.com', code: 'invalid_domain' },
    ]);
  }
  return domain;
}

async function viewCompany(ctx: ServiceContext, row: CompanyRow): Promise<CompanyView> {
  const customFields = await customFieldsOfRecords(ctx, 'company', [row.id]);
  return toCompanyView(row, customFields(row.id));
}

async function loadCompany(ctx: ServiceContext, id: string): Promise<CompanyRow> {
  const row = await findCompany(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound('Company');
  return row;
}

export async function createCompany(
  ctx: ServiceContext,
  input: CompanyInput,
): Promise<CompanyView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    await assertMember(tx, input.ownerId);
    const customValues = await prepareCustomValues(tx, 'company', input.customFields);
    const id = newId();
    const name = input.name.trim();
    const domain = domainOf(input.domain ?? null);
    await insertCompany(tx.db, {
      id,
      workspace_id: tx.actor.workspaceId,
      name,
      domain,
      sector: input.sector ?? null,
      size: input.size ?? null,
      country: input.country ?? null,
      owner_id: input.ownerId === undefined ? tx.actor.userId : input.ownerId,
      search_text: buildSearchText(name, domain),
      created_at: tx.now,
      updated_at: tx.now,
    });
    await writeCustomValues(tx, id, customValues);
    return getCompany(tx, id);
  });
}

export async function getCompany(ctx: ServiceContext, id: string): Promise<CompanyView> {
  return viewCompany(ctx, await loadCompany(ctx, id));
}

/** The company list's query: the repository's, with custom-field filters and `sort=cf.<key>`. */
export type CompanyViewQuery = Omit<
  CompanyListQuery,
  'workspaceId' | 'customFields' | 'customSort' | 'sort'
> &
  CustomFieldQuery & { sort: CompanyListQuery['sort'] | CustomFieldSortKey };

export async function listCompanyViews(ctx: ServiceContext, query: CompanyViewQuery) {
  const { customFieldFilters, ...rest } = query;
  const page = await listCompanies(ctx.db, {
    ...rest,
    ...(await resolveCustomListQuery(
      ctx,
      'company',
      { customFieldFilters, sort: query.sort },
      'name',
    )),
    workspaceId: ctx.actor.workspaceId,
  });
  const customFields = await customFieldsOfRecords(
    ctx,
    'company',
    page.items.map((c) => c.id),
  );
  return {
    items: page.items.map((row) => toCompanyView(row, customFields(row.id))),
    nextCursor: page.nextCursor,
  };
}

/** Applies a partial update if the company is still at `version`; a stale write gets a 409. */
export async function updateCompany(
  ctx: ServiceContext,
  id: string,
  version: number,
  patch: CompanyPatch,
): Promise<CompanyView> {
  requirePermission(ctx.actor, 'records.write');
  return inTransaction(ctx, async (tx) => {
    const current = await loadCompany(tx, id);
    await assertMember(tx, patch.ownerId);
    const customValues = await prepareCustomValues(tx, 'company', patch.customFields, id);
    const changes: Updateable<CompanyTable> = { updated_at: tx.now };
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.domain !== undefined) changes.domain = domainOf(patch.domain);
    if (patch.sector !== undefined) changes.sector = patch.sector;
    if (patch.size !== undefined) changes.size = patch.size;
    if (patch.country !== undefined) changes.country = patch.country;
    if (patch.ownerId !== undefined) changes.owner_id = patch.ownerId;
    changes.search_text = buildSearchText(
      changes.name ?? current.name,
      changes.domain === undefined ? current.domain : changes.domain,
    );
    const changed = await updateAtVersion(
      tx.db,
      'companies',
      tx.actor.workspaceId,
      id,
      version,
      changes,
    );
    if (changed === 0) throw versionConflict(await viewCompany(tx, current));
    await writeCustomValues(tx, id, customValues);
    return getCompany(tx, id);
  });
}

/**
 * Deletes a company softly. A company that live deals (open or closed) still name cannot go:
 * their history and reports would point at nothing; move or delete those deals first. The row is
 * locked FOR UPDATE before the deals are counted, and every writer that attaches a deal locks it
 * FOR SHARE (assertCompanyLiveForDeal), so a deal created meanwhile is either counted here or
 * refused there. On SQLite one writing transaction runs at a time, which gives the same.
 */
export async function deleteCompany(
  ctx: ServiceContext,
  id: string,
  version: number,
): Promise<void> {
  requirePermission(ctx.actor, 'records.delete');
  await inTransaction(ctx, async (tx) => {
    const current = await lockCompany(tx.db, tx.actor.workspaceId, id, 'update');
    if (!current) throw notFound('Company');
    const dealCount = await countDealsOfCompany(tx.db, tx.actor.workspaceId, id);
    if (dealCount > 0) {
      throw new DomainError(
        'CONFLICT',
        `${dealCount} deal${dealCount === 1 ? '' : 's'} still belong${dealCount === 1 ? 's' : ''} ` +
          'to this company; move or delete them before deleting the company',
        [{ path: [], message: `Referenced by ${dealCount} deal(s)`, code: 'company_has_deals' }],
      );
    }
    const changed = await updateAtVersion(tx.db, 'companies', tx.actor.workspaceId, id, version, {
      deleted_at: tx.now,
      updated_at: tx.now,
    });
    if (changed === 0) throw versionConflict(await viewCompany(tx, current));
  });
}
