import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client, ifMatch } from './client';
import { refreshAfterDealChange } from './deals';
import type { Activity, RequestBody } from './models';

export type NewActivity = RequestBody<'/api/v1/activities', 'post'>;
export type ActivityChange = RequestBody<'/api/v1/activities/{id}', 'patch'>;

/** Whose activities: a deal's, a company's or a contact's. */
export type ActivityOwnerKey = { dealId: string } | { companyId: string } | { contactId: string };

/** Every activity of a record (up to 200), soonest due first. */
export function useActivitiesOf(of: ActivityOwnerKey) {
  return useQuery({
    queryKey: ['activities', of],
    queryFn: async () =>
      (await answer(client.GET('/api/v1/activities', { params: { query: { ...of, limit: 200 } } })))
        .items,
  });
}

/**
 * What an activity changes: the lists of activities, My day, and — when on a deal — the deal's
 * next step and last activity, so everything made from deals.
 */
function useRefreshAfterActivity() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['activities'] }),
      queryClient.invalidateQueries({ queryKey: ['my-day'] }),
      queryClient.invalidateQueries({ queryKey: ['list'] }),
      refreshAfterDealChange(queryClient),
    ]);
}

export function useCreateActivity() {
  const refresh = useRefreshAfterActivity();
  return useMutation({
    mutationFn: (body: NewActivity) => answer(client.POST('/api/v1/activities', { body })),
    onSettled: () => void refresh(),
  });
}

export function useUpdateActivity() {
  const refresh = useRefreshAfterActivity();
  return useMutation({
    mutationFn: ({ activity, change }: { activity: Activity; change: ActivityChange }) =>
      answer(
        client.PATCH('/api/v1/activities/{id}', {
          params: { path: { id: activity.id } },
          headers: ifMatch(activity.version),
          body: change,
        }),
      ),
    onSettled: () => void refresh(),
  });
}

export function useCompleteActivity() {
  const refresh = useRefreshAfterActivity();
  return useMutation({
    mutationFn: (activity: { id: string; version: number }) =>
      answer(
        client.POST('/api/v1/activities/{id}/complete', {
          params: { path: { id: activity.id } },
          headers: ifMatch(activity.version),
        }),
      ),
    onSettled: () => void refresh(),
  });
}

export function useDeleteActivity() {
  const refresh = useRefreshAfterActivity();
  return useMutation({
    mutationFn: (activity: Activity) =>
      answer(
        client.DELETE('/api/v1/activities/{id}', {
          params: { path: { id: activity.id } },
          headers: ifMatch(activity.version),
        }),
      ),
    onSettled: () => void refresh(),
  });
}

/** An activity as it is now (after a 409: someone else's change is then shown). */
export function useLatestActivity() {
  const queryClient = useQueryClient();
  return async (id: string): Promise<number> => {
    const activity = await answer(
      client.GET('/api/v1/activities/{id}', { params: { path: { id } } }),
    );
    await queryClient.invalidateQueries({ queryKey: ['activities'] });
    await queryClient.invalidateQueries({ queryKey: ['my-day'] });
    return activity.version;
  };
}
