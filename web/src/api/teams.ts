import { useQuery } from '@tanstack/react-query';
import { answer, client } from './client';

export const teamsKey = ['teams'] as const;

/** The workspace's teams with their members: one cache for settings, forecast and filters. */
export function useTeams() {
  return useQuery({
    queryKey: teamsKey,
    queryFn: async () => (await answer(client.GET('/api/v1/teams'))).items,
    staleTime: 5 * 60_000,
  });
}
