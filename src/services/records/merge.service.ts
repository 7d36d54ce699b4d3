import type { Selectable, Updateable } from 'kysely';
import { findCompany, lockCompany } from '../../db/company.repository.js';
import { listChannels } from '../../db/contact.repository.js';
import { newId } from '../../db/id.js';
import {
  insertRecordMerge,
  listRecordMerges,
  lockContact,
  type MovedRows,
  moveCompanyReferences,
  moveContactReferences,
} from '../../db/merge.repository.js';
import type {
  CompanyRow,
  CompanyTable,
  ContactRow,
  ContactTable,
  RecordMergeTable,
} from '../../db/schema.js';
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
import { fillCustomValuesFrom } from '../custom-values.js';
import { type CompanyView, getCompany } from './company.service.js';
import { type ContactView, getContact } from './contact.service.js';

export type MergeKind = RecordMergeTable['kind'];

/** Which record to merge into the one named in the path, at the version the caller read. */
export interface MergeInput {
  duplicateId: string;
  duplicateVersion: number;
}

/** What a merge row keeps, as JSON: the duplicate as it was, what moved and what it filled. */
interface MergeSnapshot {
  record: (CompanyView | ContactView) & { name: string };
  moved: MovedRows;
  filledFields: string[];
}

export function toMergeView(row: Selectable<RecordMergeTable>) {
  const snapshot = JSON.parse(row.merged_snapshot) as MergeSnapshot;
  return {
    id: row.id,
    kind: row.kind,
    keptId: row.kept_id,
    mergedId: row.merged_id,
    mergedName: snapshot.record.name,
    actorUserId: row.actor_user_id,
    at: toIso(row.at),
    filledFields: snapshot.filledFields,
    moved: {
      deals: snapshot.moved.dealIds.length,
      contacts: snapshot.moved.contactIds.length,
      activities: snapshot.moved.activityIds.length,
      channels: snapshot.moved.channels.filter((c) => !c.isDropped).length,
      externalIds: snapshot.moved.externalIds.length,
    },
    mergedRecord: snapshot.record as unknown as Record<string, unknown>,
  };
}
export type MergeView = ReturnType<typeof toMergeView>;

function assertNotItself(keptId: string, input: MergeInput): void {
  if (keptId === input.duplicateId) {
    const message = 'A record cannot be merged into itself';
    throw new DomainError('VALIDATION_FAILED', message, [
      { path: ['duplicateId'], message, code: 'merge_into_itself' },
    ]);
  }
}

function duplicateNotFound(record: 'Company' | 'Contact'): DomainError {
  return new DomainError(
    'NOT_FOUND',
    `${record} not found`,
    [{ path: ['duplicateId'], message: `${record} not found`, code: 'unknown_reference' }],
    { record },
  );
}

/** The 409 of a duplicate someone changed since the caller read it, with its current state. */
function duplicateChanged(current: unknown): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    'Someone else changed the duplicate; reload it and merge again',
    [
      {
        path: ['duplicateVersion'],
        message: 'Not the duplicate’s current version',
        code: 'duplicate_changed',
      },
    ],
    { current },
  );
}

/** Locks both rows in id order (two merges of the same pair never wait on each other in a circle). */
async function lockPair<T>(
  keptId: string,
  duplicateId: string,
  lock: (id: string) => Promise<T | undefined>,
): Promise<{ kept: T | undefined; duplicate: T | undefined }> {
  const rows = new Map<string, T | undefined>();
  for (const id of [keptId, duplicateId].sort()) rows.set(id, await lock(id));
  return { kept: rows.get(keptId), duplicate: rows.get(duplicateId) };
}

/** The kept record's empty fields that the duplicate has, as columns to set and API names. */
function fillsOf<Row, Column extends keyof Row & string>(
  kept: Row,
  duplicate: Row,
  fields: readonly (readonly [Column, string])[],
  isEmpty: (column: Column, value: Row[Column]) => boolean = (_, value) => value === null,
) {
  const columns: Partial<Pick<Row, Column>> = {};
  const names: string[] = [];
  for (const [column, name] of fields) {
    if (isEmpty(column, kept[column]) && !isEmpty(column, duplicate[column])) {
      columns[column] = duplicate[column];
      names.push(name);
    }
  }
  return { columns, names };
}

async function recordMerge(
  ctx: ServiceContext,
  kind: MergeKind,
  keptId: string,
  mergedId: string,
  snapshot: MergeSnapshot,
): Promise<MergeView> {
  const row = {
    id: newId(),
    workspace_id: ctx.actor.workspaceId,
    kind,
    kept_id: keptId,
    merged_id: mergedId,
    actor_user_id: ctx.actor.userId,
    at: ctx.now,
    merged_snapshot: JSON.stringify(snapshot),
  };
  await insertRecordMerge(ctx.db, row);
  return toMergeView(row);
}

const COMPANY_FILLS = [
  ['domain', 'domain'],
  ['sector', 'sector'],
  ['size', 'size'],
  ['country', 'country'],
  ['owner_id', 'ownerId'],
] as const;

/**
 * Merges a duplicate company into the kept one (`keptId`, at `keptVersion`), in one
 * transaction: the duplicate's deals, contacts, activities and external ids move to the kept
 * company, the kept company's empty fields take the duplicate's values, the duplicate is
 * soft-deleted and the merge is recorded. Both companies are locked FOR UPDATE first, as
 * deleteCompany locks one, so a deal created for the duplicate meanwhile (which locks it FOR
 * SHARE) is either moved here or refused there: none is left naming a deleted company.
 * Permission: records.write (nothing is lost: every row moves, the duplicate is kept in the merge).
 */
export async function mergeCompanies(
  ctx: ServiceContext,
  keptId: string,
  keptVersion: number,
  input: MergeInput,
): Promise<{ company: CompanyView; merge: MergeView }> {
  requirePermission(ctx.actor, 'records.write');
  assertNotItself(keptId, input);
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const { kept, duplicate } = await lockPair(keptId, input.duplicateId, (id) =>
      lockCompany(tx.db, workspaceId, id, 'update'),
    );
    if (!kept) throw notFound('Company');
    if (!duplicate) throw duplicateNotFound('Company');
    if (kept.version !== keptVersion) throw versionConflict(await getCompany(tx, kept.id));
    // The duplicate as the API shows it (with whatever a company view carries), kept in the merge.
    const duplicateView = await getCompany(tx, duplicate.id);
    if (duplicate.version !== input.duplicateVersion) throw duplicateChanged(duplicateView);
    const moved = await moveCompanyReferences(tx.db, workspaceId, duplicate.id, kept.id, tx.now);
    const fills = fillsOf<CompanyRow, (typeof COMPANY_FILLS)[number][0]>(
      kept,
      duplicate,
      COMPANY_FILLS,
    );
    const changes: Updateable<CompanyTable> = {
      ...fills.columns,
      search_text: buildSearchText(kept.name, fills.columns.domain ?? kept.domain),
      updated_at: tx.now,
    };
    const isKeptChanged = await updateAtVersion(
      tx.db,
      'companies',
      workspaceId,
      kept.id,
      keptVersion,
      changes,
    );
    const isDuplicateDeleted = await updateAtVersion(
      tx.db,
      'companies',
      workspaceId,
      duplicate.id,
      input.duplicateVersion,
      { deleted_at: tx.now, updated_at: tx.now },
    );
    // Both rows are locked, so neither can have changed since they were read.
    if (isKeptChanged === 0) throw versionConflict(await getCompany(tx, kept.id));
    if (isDuplicateDeleted === 0) throw duplicateChanged(duplicateView);
    const filledCustom = await fillCustomValuesFrom(tx, 'company', duplicate.id, kept.id);
    const merge = await recordMerge(tx, 'company', kept.id, duplicate.id, {
      record: duplicateView,
      moved,
      filledFields: [...fills.names, ...filledCustom.map((key) => `customFields.${key}`)],
    });
    return { company: await getCompany(tx, kept.id), merge };
  });
}

const CONTACT_FILLS = [
  ['job_title', 'jobTitle'],
  ['role', 'role'],
  ['company_id', 'companyId'],
  ['owner_id', 'ownerId'],
] as const;
type ContactFillColumn = (typeof CONTACT_FILLS)[number][0];

/** A contact's field is empty when null; a role is empty when it is the default, `other`. */
function isContactFieldEmpty(column: ContactFillColumn, value: unknown): boolean {
  return value === null || (column === 'role' && value === 'other');
}

/**
 * Merges a duplicate contact into the kept one (`keptId`, at `keptVersion`), in one
 * transaction: deal links move (a deal both are on keeps one link, with a role if either had
 * one), so do activities, channels (an email or phone the kept contact has is kept once) and
 * external ids; the kept contact's empty fields (job title, role `other`, company, owner) take
 * the duplicate's; the duplicate is soft-deleted and the merge recorded. Both contacts are
 * locked FOR UPDATE first. Permission: records.write, as for companies.
 */
export async function mergeContacts(
  ctx: ServiceContext,
  keptId: string,
  keptVersion: number,
  input: MergeInput,
): Promise<{ contact: ContactView; merge: MergeView }> {
  requirePermission(ctx.actor, 'records.write');
  assertNotItself(keptId, input);
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const { kept, duplicate } = await lockPair(keptId, input.duplicateId, (id) =>
      lockContact(tx.db, workspaceId, id),
    );
    if (!kept) throw notFound('Contact');
    if (!duplicate) throw duplicateNotFound('Contact');
    if (kept.version !== keptVersion) throw versionConflict(await getContact(tx, kept.id));
    const duplicateView = await getContact(tx, duplicate.id);
    if (duplicate.version !== input.duplicateVersion) throw duplicateChanged(duplicateView);

    const moved = await moveContactReferences(tx.db, workspaceId, duplicate.id, kept.id, tx.now);
    const fills = fillsOf<ContactRow, ContactFillColumn>(
      kept,
      duplicate,
      CONTACT_FILLS,
      isContactFieldEmpty,
    );
    // A company the duplicate names is taken only while it is live.
    if (
      fills.columns.company_id &&
      !(await findCompany(tx.db, workspaceId, duplicate.company_id ?? ''))
    ) {
      delete fills.columns.company_id;
      fills.names.splice(fills.names.indexOf('companyId'), 1);
    }
    const channels = await listChannels(tx.db, workspaceId, [kept.id]);
    const changes: Updateable<ContactTable> = {
      ...fills.columns,
      search_text: buildSearchText(
        kept.name,
        fills.columns.job_title ?? kept.job_title,
        ...channels.filter((c) => c.kind === 'email').map((c) => c.value),
      ),
      updated_at: tx.now,
    };
    const isKeptChanged = await updateAtVersion(
      tx.db,
      'contacts',
      workspaceId,
      kept.id,
      keptVersion,
      changes,
    );
    const isDuplicateDeleted = await updateAtVersion(
      tx.db,
      'contacts',
      workspaceId,
      duplicate.id,
      input.duplicateVersion,
      { deleted_at: tx.now, updated_at: tx.now },
    );
    if (isKeptChanged === 0) throw versionConflict(await getContact(tx, kept.id));
    if (isDuplicateDeleted === 0) throw duplicateChanged(duplicateView);
    const filledCustom = await fillCustomValuesFrom(tx, 'contact', duplicate.id, kept.id);
    const merge = await recordMerge(tx, 'contact', kept.id, duplicate.id, {
      record: duplicateView,
      moved,
      filledFields: [...fills.names, ...filledCustom.map((key) => `customFields.${key}`)],
    });
    return { contact: await getContact(tx, kept.id), merge };
  });
}

export interface MergeQuery {
  kind?: MergeKind | undefined;
  /** Merges this record took part in, as the kept record or the merged one. */
  recordId?: string | undefined;
  limit: number;
}

/** Merges newest first, e.g. those into one record, so its page can say "merged from …". */
export async function listMerges(ctx: ServiceContext, query: MergeQuery): Promise<MergeView[]> {
  requirePermission(ctx.actor, 'read');
  const rows = await listRecordMerges(ctx.db, { ...query, workspaceId: ctx.actor.workspaceId });
  return rows.map(toMergeView);
}
