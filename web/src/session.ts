import { useQuery } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './api';
import type { Me } from './types';

/** Who is signed in (null when nobody), keeping the CSRF token for writes. */
export function useSession() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api<{ isNeeded: boolean }>('/setup'),
  });
}
