import {
  findCompanyNames,
  findContactNames,
  findDealTitles,
  listNamedReferences,
} from '../../../db/export-lookup.repository.js';
import { listMembers } from '../../../db/user.repository.js';
import type { ServiceContext } from '../../context.service.js';
import type { ExportLanguage, NameBook, PageReferences } from './sheet.js';

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/** Loads the workspace's short lists of names once per export. */
export async function loadNameBook(ctx: ServiceContext, lang: ExportLanguage): Promise<NameBook> {
  const { workspaceId } = ctx.actor;
  const references = await listNamedReferences(ctx.db, workspaceId);
  const members = await listMembers(ctx.db, workspaceId);
  return {
    lang,
    users: new Map(members.map((m) => [m.id, m.name])),
    pipelines: byId(references.pipelines),
    stages: byId(references.stages),
    lostReasons: byId(references.lostReasons),
    companies: new Map(),
    contacts: new Map(),
    deals: new Map(),
  };
}

function distinct(ids: (string | null)[] | undefined): string[] {
  return [...new Set((ids ?? []).filter((id): id is string => id !== null))];
}

/** Replaces the page-sized maps with the names one page refers to: memory stays one page. */
export async function lookUpPageNames(
  ctx: ServiceContext,
  book: NameBook,
  references: PageReferences,
): Promise<void> {
  const { workspaceId } = ctx.actor;
  book.companies = await findCompanyNames(ctx.db, workspaceId, distinct(references.companyIds));
  book.contacts = await findContactNames(ctx.db, workspaceId, distinct(references.contactIds));
  book.deals = await findDealTitles(ctx.db, workspaceId, distinct(references.dealIds));
}

/** The name behind an id, or null for no id; an id without a name is shown as the id. */
export function nameOf(map: Map<string, string>, id: string | null): string | null {
  if (id === null) return null;
  return map.get(id) ?? id;
}
