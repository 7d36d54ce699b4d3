import type { components } from '../../api/schema';

/** One hit of "search everywhere": GET /api/v1/search. */
export type SearchHit = components['schemas']['SearchHit'];

/** The record pages, by kind; an activity opens in its list, whose `q` filter finds it. */
const PAGE_OF = { deal: '/deals', company: '/companies', contact: '/contacts' } as const;

/**
 * Where a hit opens: a deal's, company's or contact's own page; an activity in the activities
 * list, filtered by its subject.
 * @example hitPath({ kind: 'contact', id: 'p1', title: 'أحمد', subtitle: null, activityKind: null }) === '/contacts/p1'
 * @example hitPath({ kind: 'activity', id: 'a1', title: 'Call & demo', subtitle: null, activityKind: 'call' }) === '/activities?q=Call+%26+demo'
 */
export function hitPath(hit: SearchHit): string {
  if (hit.kind === 'activity') {
    return `/activities?${new URLSearchParams({ q: hit.title }).toString()}`;
  }
  return `${PAGE_OF[hit.kind]}/${encodeURIComponent(hit.id)}`;
}
