/** Saved views of the board: a name, the filters and the pipeline, kept private or shared. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client, ifMatch } from './client';
import type { components } from './schema';

export type SavedView = components['schemas']['SavedView'];

const viewsKey = ['views'] as const;

export function useBoardViews() {
  return useQuery({
    queryKey: [...viewsKey, 'board'],
    queryFn: async () =>
      (await answer(client.GET('/api/v1/views', { params: { query: { kind: 'board' } } }))).items,
  });
}

export interface ViewInput {
  name: string;
  pipelineId: string | null;
  filters: Record<string, string>;
  isShared: boolean;
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ view, input }: { view?: SavedView | undefined; input: ViewInput }) =>
      view
        ? answer(
            client.PATCH('/api/v1/views/{id}', {
              params: { path: { id: view.id } },
              headers: ifMatch(view.version),
              body: input,
            }),
          )
        : answer(client.POST('/api/v1/views', { body: { kind: 'board', ...input } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: viewsKey }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (view: SavedView) =>
      answer(
        client.DELETE('/api/v1/views/{id}', {
          params: { path: { id: view.id } },
          headers: ifMatch(view.version),
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: viewsKey }),
  });
}
