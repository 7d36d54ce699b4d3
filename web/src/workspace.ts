import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { Member, Workspace } from './types';

/** The workspace's settings: its time zone decides what "today" and a period's days mean. */
export function useWorkspace() {
  return useQuery({
    queryKey: ['workspace'],
    queryFn: () => api<Workspace>('/workspace'),
    staleTime: 5 * 60_000,
  });
}

/** The people of the workspace, for owner filters. */
export function useMembers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => (await api<{ items: Member[] }>('/users')).items,
    staleTime: 5 * 60_000,
  });
}
