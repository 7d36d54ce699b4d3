import { useQuery } from '@tanstack/react-query';
import { answer, client } from './client';

export const lostReasonsKey = ['lost-reasons'] as const;

/** The reasons a deal can be lost for, in their order. */
export function useLostReasons() {
  return useQuery({
    queryKey: lostReasonsKey,
    queryFn: async () => (await answer(client.GET('/api/v1/lost-reasons'))).items,
  });
}
