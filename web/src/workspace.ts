import { useQuery } from '@tanstack/react-query';
import { answer, client } from './api/client';

/** The workspace's settings: its time zone decides what "today" and a period's days mean. */
export function useWorkspace() {
  return useQuery({
    queryKey: ['workspace'],
    queryFn: () => answer(client.GET('/api/v1/workspace')),
    staleTime: 5 * 60_000,
  });
}

export const membersKey = ['users'] as const;

/** The people of the workspace, for owner filters. */
export function useMembers() {
  return useQuery({
    queryKey: membersKey,
    queryFn: async () => (await answer(client.GET('/api/v1/users'))).items,
    staleTime: 5 * 60_000,
  });
}
