import type { Caller } from './api-harness.js';

interface PageBody {
  items: { id: string }[];
  nextCursor: string | null;
}

/**
 * Follows `nextCursor` from the first page to the last and returns the ids in the order seen,
 * checking on the way that no page is larger than `limit`.
 */
export async function collectAllPages(caller: Caller, url: string, limit: number) {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const query = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await caller.request({ method: 'GET', url: `${url}${separator}${query}` });
    if (response.statusCode !== 200) throw new Error(response.body);
    const page = response.json<PageBody>();
    pageSizes.push(page.items.length);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { ids, pageSizes };
}
