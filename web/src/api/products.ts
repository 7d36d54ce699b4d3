import { useQuery } from '@tanstack/react-query';
import { answer, client } from './client';

/** The workspace's product catalogue, by name. */
export function useProducts() {
  return useQuery({
    queryKey: ['products'],
    queryFn: async () => (await answer(client.GET('/api/v1/products'))).items,
    staleTime: 5 * 60_000,
  });
}
