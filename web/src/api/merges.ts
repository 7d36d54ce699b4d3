/** Merging duplicate companies or contacts, and what merges a record took part in. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client, ifMatch } from './client';
import { refreshAfterDealChange } from './deals';

export type MergeKind = 'company' | 'contact';

interface At {
  id: string;
  version: number;
}

export function useMergesOf(kind: MergeKind, recordId: string) {
  return useQuery({
    queryKey: ['merges', kind, recordId],
    queryFn: async () =>
      (await answer(client.GET('/api/v1/merges', { params: { query: { kind, recordId } } }))).items,
  });
}

/** Pairs that look like one record twice (same domain, email, phone or name). */
export interface DuplicatePair {
  keep: { id: string; name: string; version: number };
  duplicate: { id: string; name: string; version: number };
  reasons: string[];
}

export function useDuplicates(kind: MergeKind) {
  return useQuery({
    queryKey: ['duplicates', kind],
    queryFn: async (): Promise<{ items: DuplicatePair[]; truncated: boolean }> =>
      kind === 'company'
        ? answer(client.GET('/api/v1/companies/duplicates'))
        : answer(client.GET('/api/v1/contacts/duplicates')),
  });
}

/** Merges `duplicate` into `kept`: each from the version shown, a stale one gets 409. */
export function useMerge(kind: MergeKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kept, duplicate }: { kept: At; duplicate: At }): Promise<unknown> => {
      const request = {
        params: { path: { id: kept.id } },
        headers: ifMatch(kept.version),
        body: { duplicateId: duplicate.id, duplicateVersion: duplicate.version },
      };
      return kind === 'company'
        ? answer(client.POST('/api/v1/companies/{id}/merge', request))
        : answer(client.POST('/api/v1/contacts/{id}/merge', request));
    },
    onSettled: () =>
      Promise.all([
        ...[
          'company',
          'contact',
          'companies',
          'contacts',
          'list',
          'merges',
          'duplicates',
          'activities',
          'search',
        ].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
        refreshAfterDealChange(queryClient),
      ]),
  });
}
