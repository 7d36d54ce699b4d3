import { keepPreviousData, useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { answer, client, queryOf } from '../../api/client';
import { dealQuery } from '../../api/deals';
import type { paths } from '../../api/schema';

export type ExportFormat = 'csv' | 'xlsx';

/** A list's filters and order as query parameters; empty values are left out. */
export type ListParams = Record<string, string | undefined>;

/** A list's own filters and order, as its GET takes them (without the page). */
type FiltersOf<P extends keyof paths> = paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? Omit<NonNullable<Q>, 'limit' | 'cursor'>
  : never;

interface PageAsked {
  limit: number;
  cursor: string | undefined;
}

// The address's values go to the API as they are: it refuses what it does not know (400).
const PAGE_OF = {
  deals: (params: ListParams, page: PageAsked) =>
    answer(
      client.GET('/api/v1/deals', {
        params: { query: { ...(params as FiltersOf<'/api/v1/deals'>), ...page } },
      }),
    ),
  companies: (params: ListParams, page: PageAsked) =>
    answer(
      client.GET('/api/v1/companies', {
        params: { query: { ...(params as FiltersOf<'/api/v1/companies'>), ...page } },
      }),
    ),
  contacts: (params: ListParams, page: PageAsked) =>
    answer(
      client.GET('/api/v1/contacts', {
        params: { query: { ...(params as FiltersOf<'/api/v1/contacts'>), ...page } },
      }),
    ),
  activities: (params: ListParams, page: PageAsked) =>
    answer(
      client.GET('/api/v1/activities', {
        params: { query: { ...(params as FiltersOf<'/api/v1/activities'>), ...page } },
      }),
    ),
};

export type ListResource = keyof typeof PAGE_OF;

/** A row of a list: Deal, Company, Contact or Activity. */
export type ListRow<R extends ListResource> = Awaited<
  ReturnType<(typeof PAGE_OF)[R]>
>['items'][number];

export const listKey = ['list'] as const;

/** One keyset-paged list: the pages loaded so far, and the next one on request. */
export function useListPages<R extends ListResource>(
  resource: R,
  params: ListParams,
  pageSize = 50,
) {
  const pageOf = PAGE_OF[resource] as (
    params: ListParams,
    page: PageAsked,
  ) => Promise<{ items: ListRow<R>[]; nextCursor: string | null }>;
  return useInfiniteQuery({
    queryKey: [...listKey, resource, params],
    queryFn: ({ pageParam }) => pageOf(params, { limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * The export of the same list: same filters and order, every page, headers in `language`.
 * A file download, not JSON: a plain link, outside the typed client.
 * @example exportHref('deals', 'csv', { q: 'احمد' }, 'ar') === '/api/v1/exports/deals.csv?q=%D8%A7...&lang=ar'
 */
export function exportHref(
  resource: ListResource,
  format: ExportFormat,
  params: ListParams,
  language: string,
): string {
  const query = queryOf({ ...params, lang: language === 'ar' ? 'ar' : 'en' });
  return `/api/v1/exports/${resource}.${format}?${query.toString()}`;
}

/** One record by id, under the query key the pages that show it share (a deal's is 'deal'). */
const RECORD_QUERY = {
  companies: (id: string) => ({
    queryKey: ['company', id],
    queryFn: () => answer(client.GET('/api/v1/companies/{id}', { params: { path: { id } } })),
  }),
  contacts: (id: string) => ({
    queryKey: ['contact', id],
    queryFn: () => answer(client.GET('/api/v1/contacts/{id}', { params: { path: { id } } })),
  }),
  deals: dealQuery,
};

/**
 * Names of the companies (or titles of the deals) a page refers to: the list gives only ids, so
 * each is fetched once and kept for a while.
 */
export function useRecordNames(
  resource: keyof typeof RECORD_QUERY,
  ids: (string | null)[],
): Map<string, string> {
  const distinct = [...new Set(ids.filter((id): id is string => id !== null))];
  const results = useQueries({
    queries: distinct.map((id) => ({ ...RECORD_QUERY[resource](id), staleTime: 5 * 60_000 })),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    const id = distinct[index];
    const record = result.data;
    if (id && record) names.set(id, 'title' in record ? record.title : record.name);
  });
  return names;
}
