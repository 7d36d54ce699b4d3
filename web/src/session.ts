import { useQuery } from '@tanstack/react-query';
import { ApiError, answer, client, setCsrfToken } from './api/client';
import type { Me } from './api/models';

/** Who is signed in (null when nobody), keeping the CSRF token for writes. */
export function useSession() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await answer(client.GET('/api/v1/auth/me'));
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
    queryFn: () => answer(client.GET('/api/v1/setup')),
  });
}
