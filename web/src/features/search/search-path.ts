import type { components } from '../../api/schema';

/** One hit of "search everywhere": GET /api/v1/search. */
export type SearchHit = components['schemas']['SearchHit'];

/** The list page of each kind that has no page of its own; its `q` filter finds the record. */
const LIST_OF = { company: '/companies', contact: '/contacts', activity: '/activities' } as const;

/**
 * Where a hit opens: a deal's own page; a company, contact or activity in its list, filtered by
 * its name (companies, contacts and activities have no page of their own).
 * @example hitPath({ kind: 'deal', id: 'd1', title: 'أحمد للتجارة', subtitle: null, activityKind: null }) === '/deals/d1'
 * @example hitPath({ kind: 'company', id: 'c1', title: 'Nile & Co', subtitle: null, activityKind: null }) === '/companies?q=Nile+%26+Co'
 */
export function hitPath(hit: SearchHit): string {
  if (hit.kind === 'deal') return `/deals/${encodeURIComponent(hit.id)}`;
  return `${LIST_OF[hit.kind]}?${new URLSearchParams({ q: hit.title }).toString()}`;
}
