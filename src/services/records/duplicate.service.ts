import { listLiveCompanies, listLiveContactsWithChannels } from '../../db/merge.repository.js';
import { companyMatchKey, NearKeyIndex, nameMatchKey } from '../../domain/import/match-key.js';
import { requirePermission, type ServiceContext } from '../context.service.js';
import { type CompanyView, getCompany } from './company.service.js';
import { type ContactView, getContact } from './contact.service.js';

/** At most this many candidate pairs per answer. */
export const MAX_DUPLICATE_PAIRS = 50;

export type CompanyDuplicateReason = 'same_domain' | 'same_name' | 'similar_name';
export type ContactDuplicateReason = 'same_email' | 'same_phone' | 'same_name';

export interface DuplicatePair<View, Reason> {
  /** The older record: the one to keep, as a suggestion. */
  keep: View;
  duplicate: View;
  /** Why they look alike, strongest first. */
  reasons: Reason[];
}

/**
 * Candidate pairs from groups of records sharing a key: each later member of a group is paired
 * with the group's oldest. `records` is oldest first; `reasons` are tried in the order given,
 * which is also the order of the answer (strongest reason first, then the older record first).
 */
function pairsOf<Reason extends string>(
  ordered: readonly string[],
  groupsByReason: readonly [Reason, Iterable<string[]>][],
): { keepId: string; duplicateId: string; reasons: Reason[] }[] {
  const rank = new Map(ordered.map((id, index) => [id, index]));
  const pairs = new Map<string, { keepId: string; duplicateId: string; reasons: Reason[] }>();
  const found: { keepId: string; duplicateId: string; reasons: Reason[] }[] = [];
  for (const [reason, groups] of groupsByReason) {
    const ofReason: typeof found = [];
    for (const group of groups) {
      const members = [...new Set(group)].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
      const [oldest, ...others] = members;
      if (oldest === undefined) continue;
      for (const other of others) {
        const key = `${oldest}\u0000${other}`;
        const known = pairs.get(key);
        if (known) {
          if (!known.reasons.includes(reason)) known.reasons.push(reason);
          continue;
        }
        const pair = { keepId: oldest, duplicateId: other, reasons: [reason] };
        pairs.set(key, pair);
        ofReason.push(pair);
      }
    }
    ofReason.sort(
      (a, b) =>
        (rank.get(a.keepId) ?? 0) - (rank.get(b.keepId) ?? 0) ||
        (rank.get(a.duplicateId) ?? 0) - (rank.get(b.duplicateId) ?? 0),
    );
    found.push(...ofReason);
  }
  return found;
}

type Pair<Reason> = { keepId: string; duplicateId: string; reasons: Reason[] };

/** The records of the pairs shown, each as the API shows it (through its use-case's view). */
async function viewsOf<View>(
  pairs: Pair<string>[],
  view: (id: string) => Promise<View>,
): Promise<Map<string, View>> {
  const ids = [...new Set(pairs.flatMap((p) => [p.keepId, p.duplicateId]))];
  return new Map(await Promise.all(ids.map(async (id) => [id, await view(id)] as const)));
}

function itemsOf<View, Reason>(pairs: Pair<Reason>[], views: Map<string, View>) {
  return pairs.flatMap((pair) => {
    const keep = views.get(pair.keepId);
    const duplicate = views.get(pair.duplicateId);
    return keep && duplicate ? [{ keep, duplicate, reasons: pair.reasons }] : [];
  });
}

/** Values of a map of lists that hold more than one id. */
function groupsOf(index: Map<string, string[]>): string[][] {
  return [...index.values()].filter((ids) => ids.length > 1);
}

function push(index: Map<string, string[]>, key: string, id: string): void {
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}

/**
 * Companies that look like the same company, the way the import matches them: the same web
 * domain, the same name once folded without legal forms ("Acme, Inc." = "ACME"), or a name one
 * letter away ("Northwind Tradrs"), which the import only reports. At most 50 pairs.
 */
export async function findCompanyDuplicates(ctx: ServiceContext): Promise<{
  items: DuplicatePair<CompanyView, CompanyDuplicateReason>[];
  truncated: boolean;
}> {
  requirePermission(ctx.actor, 'read');
  const rows = await listLiveCompanies(ctx.db, ctx.actor.workspaceId);
  const byDomain = new Map<string, string[]>();
  const byKey = new Map<string, string[]>();
  const near = new NearKeyIndex<string>();
  for (const row of rows) {
    if (row.domain) push(byDomain, row.domain, row.id);
    const key = companyMatchKey(row.name);
    if (key === '') continue;
    if (!byKey.has(key)) near.add(key, row.id);
    push(byKey, key, row.id);
  }
  const similar: string[][] = [];
  for (const [key, ids] of byKey) {
    for (const match of near.near(key)) {
      if (match.key < key) similar.push([match.value, ids[0] ?? match.value]);
    }
  }
  const pairs = pairsOf<CompanyDuplicateReason>(
    rows.map((r) => r.id),
    [
      ['same_domain', groupsOf(byDomain)],
      ['same_name', groupsOf(byKey)],
      ['similar_name', similar],
    ],
  );
  const shown = pairs.slice(0, MAX_DUPLICATE_PAIRS);
  const views = await viewsOf(shown, (id) => getCompany(ctx, id));
  return { items: itemsOf(shown, views), truncated: pairs.length > MAX_DUPLICATE_PAIRS };
}

/**
 * Contacts that look like the same person, the way the import matches them: a shared email
 * (any case) or phone number (as normalised when stored), or the same folded name, which the
 * import only reports. At most 50 pairs.
 */
export async function findContactDuplicates(ctx: ServiceContext): Promise<{
  items: DuplicatePair<ContactView, ContactDuplicateReason>[];
  truncated: boolean;
}> {
  requirePermission(ctx.actor, 'read');
  const { workspaceId } = ctx.actor;
  const { contacts, channels } = await listLiveContactsWithChannels(ctx.db, workspaceId);
  const byEmail = new Map<string, string[]>();
  const byPhone = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const channel of channels) {
    if (channel.normalized === '') continue;
    push(channel.kind === 'email' ? byEmail : byPhone, channel.normalized, channel.contact_id);
  }
  for (const contact of contacts) {
    const key = nameMatchKey(contact.name);
    if (key !== '') push(byName, key, contact.id);
  }
  const pairs = pairsOf<ContactDuplicateReason>(
    contacts.map((c) => c.id),
    [
      ['same_email', groupsOf(byEmail)],
      ['same_phone', groupsOf(byPhone)],
      ['same_name', groupsOf(byName)],
    ],
  );
  const shown = pairs.slice(0, MAX_DUPLICATE_PAIRS);
  const views = await viewsOf(shown, (id) => getContact(ctx, id));
  return { items: itemsOf(shown, views), truncated: pairs.length > MAX_DUPLICATE_PAIRS };
}
