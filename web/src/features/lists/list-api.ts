import { keepPreviousData, useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { api } from '../../api';
import type { Page } from '../../types';

export type ListResource = 'deals' | 'companies' | 'contacts' | 'activities';
export type ExportFormat = 'csv' | 'xlsx';

/** A list's filters and order as query parameters; empty values are left out. */
export type ListParams = Record<string, string | undefined>;

export function queryOf(params: ListParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  return query;
}

export const listKey = ['list'] as const;

/** One keyset-paged list: the pages loaded so far, and the next one on request. */
export function useListPages<T>(resource: ListResource, params: ListParams, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...listKey, resource, params],
    queryFn: ({ pageParam }) => {
      const query = queryOf({ ...params, limit: String(pageSize), cursor: pageParam });
      return api<Page<T>>(`/${resource}?${query.toString()}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * The export of the same list: same filters and order, every page, headers in `language`.
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

/** The query key of one record, shared with the pages that show it (a deal's is 'deal'). */
const RECORD_KEYS = { companies: 'company', contacts: 'contact', deals: 'deal' } as const;

/**
 * Names of the companies (or titles of the deals) a page refers to: the list gives only ids, so
 * each is fetched once and kept for a while.
 */
export function useRecordNames(
  resource: 'companies' | 'contacts' | 'deals',
  ids: (string | null)[],
): Map<string, string> {
  const distinct = [...new Set(ids.filter((id): id is string => id !== null))];
  const results = useQueries({
    queries: distinct.map((id) => ({
      queryKey: [RECORD_KEYS[resource], id],
      queryFn: () => api<{ name?: string; title?: string }>(`/${resource}/${id}`),
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    const id = distinct[index];
    const name = result.data?.name ?? result.data?.title;
    if (id && name !== undefined) names.set(id, name);
  });
  return names;
}
