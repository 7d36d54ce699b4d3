import { listChannels } from '../../db/contact.repository.js';
import {
  searchActivities,
  searchCompanies,
  searchContacts,
  searchDeals,
} from '../../db/search.repository.js';
import {
  compareHits,
  phoneQuery,
  phoneRank,
  type SearchKind,
  type SearchRank,
  SEARCH_RANKS,
  textRank,
} from '../../domain/search-rank.js';
import { normalizeSearchText } from '../../domain/search-text.js';
import { requirePermission, type ServiceContext } from '../context.service.js';
import { visibleOwnerOf } from '../deals/deal-access.js';
import type { ActivityKind } from '../records/activity.service.js';

export interface SearchInput {
  /** What the person typed: words in any letter forms, or a phone number in any digits. */
  q: string;
  limit: number;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** A deal's title, a company's or contact's name, an activity's subject. */
  title: string;
  /** What tells it apart: a deal's company, a company's domain, a contact's matched phone or job
   * title and company, an activity's deal or company. */
  subtitle: string | null;
  /** The kind of an activity (call, email …); null for the other kinds. */
  activityKind: ActivityKind | null;
  rank: SearchRank;
}

export type SearchView = Omit<SearchHit, 'rank'>;

/** Joins the parts that exist: "Head of procurement · Riyadh Bank". */
function subtitleOf(...parts: (string | null)[]): string | null {
  const present = parts.filter((p): p is string => Boolean(p));
  return present.length > 0 ? present.join(' · ') : null;
}

/** The rank of a row found by its folded search text; a row SQL found ranks at least "anywhere". */
function rankOf(title: string, searchText: string, term: string): SearchRank {
  return textRank(normalizeSearchText(title), searchText, term) ?? SEARCH_RANKS.anywhere;
}

/** What one search asks of each kind. */
interface KindQuery {
  term: string;
  limit: number;
  /** The owner a rep is limited to (visibleOwnerOf), if any. */
  visibleOwnerId: string | undefined;
}

async function dealHits(
  ctx: ServiceContext,
  { term, limit, visibleOwnerId }: KindQuery,
): Promise<SearchHit[]> {
  const rows = await searchDeals(ctx.db, {
    workspaceId: ctx.actor.workspaceId,
    term,
    limit,
    visibleOwnerId,
  });
  return rows.map((row) => ({
    kind: 'deal',
    id: row.id,
    title: row.title,
    subtitle: row.company_name,
    activityKind: null,
    rank: rankOf(row.title, row.search_text, term),
  }));
}

async function companyHits(ctx: ServiceContext, { term, limit }: KindQuery) {
  const rows = await searchCompanies(ctx.db, { workspaceId: ctx.actor.workspaceId, term, limit });
  return rows.map(
    (row): SearchHit => ({
      kind: 'company',
      id: row.id,
      title: row.name,
      subtitle: row.domain,
      activityKind: null,
      rank: rankOf(row.name, row.search_text, term),
    }),
  );
}

/** Contacts by name, job title or email, and by phone when the query is a number. */
async function contactHits(
  ctx: ServiceContext,
  { term, limit }: KindQuery,
  phoneDigits: string[] | null,
): Promise<SearchHit[]> {
  const { workspaceId } = ctx.actor;
  const rows = await searchContacts(ctx.db, {
    workspaceId,
    term,
    phoneDigits: phoneDigits ?? [],
    limit,
  });
  const phones = phoneDigits
    ? await listChannels(
        ctx.db,
        workspaceId,
        rows.map((r) => r.id),
      )
    : [];
  return rows.map((row) => {
    const byText = textRank(normalizeSearchText(row.name), row.search_text, term);
    let best: { rank: SearchRank; value: string } | undefined;
    for (const channel of phones) {
      if (channel.contact_id !== row.id || channel.kind !== 'phone' || !phoneDigits) continue;
      const rank = phoneRank(channel.normalized, phoneDigits);
      if (rank !== null && (!best || rank < best.rank)) best = { rank, value: channel.value };
    }
    const isByPhone = best !== undefined && (byText === null || best.rank < byText);
    return {
      kind: 'contact',
      id: row.id,
      title: row.name,
      subtitle: isByPhone ? (best?.value ?? null) : subtitleOf(row.job_title, row.company_name),
      activityKind: null,
      rank: (isByPhone ? best?.rank : byText) ?? SEARCH_RANKS.anywhere,
    };
  });
}

async function activityHits(ctx: ServiceContext, { term, limit, visibleOwnerId }: KindQuery) {
  const rows = await searchActivities(ctx.db, {
    workspaceId: ctx.actor.workspaceId,
    term,
    limit,
    visibleOwnerId,
  });
  return rows.map(
    (row): SearchHit => ({
      kind: 'activity',
      id: row.id,
      title: row.subject,
      subtitle: row.deal_title ?? row.company_name,
      activityKind: row.kind as ActivityKind,
      rank: rankOf(row.subject, row.search_text, term),
    }),
  );
}

/**
 * "Search everywhere": the deals, companies, contacts and activities the actor may see whose
 * folded text holds the folded query (أ/إ/آ/ا, ة/ه, ى/ي and diacritics alike), and contacts by
 * phone when the query is a number in any digits; best first (see domain/search-rank.ts), at
 * most `limit`. A rep limited to their own deals finds neither other deals nor their activities.
 */
export async function searchEverywhere(
  ctx: ServiceContext,
  input: SearchInput,
): Promise<{ items: SearchView[] }> {
  requirePermission(ctx.actor, 'read');
  const term = normalizeSearchText(input.q);
  if (term === '') return { items: [] };
  const phoneDigits = phoneQuery(input.q);
  // Each kind's SQL order only approximates the ranks (it cannot tell the name from the other
  // fields), so each reads twice what is asked before the hits are ranked together.
  const query: KindQuery = {
    term,
    limit: input.limit * 2,
    visibleOwnerId: await visibleOwnerOf(ctx),
  };
  const hits = [
    ...(await dealHits(ctx, query)),
    ...(await companyHits(ctx, query)),
    ...(await contactHits(ctx, query, phoneDigits)),
    ...(await activityHits(ctx, query)),
  ];
  return {
    items: hits
      .sort(compareHits)
      .slice(0, input.limit)
      .map(({ rank: _rank, ...view }) => view),
  };
}
