import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client } from './client';
import type { RequestBody } from './models';

/** The workspace's product catalogue, by name. */
export function useProducts() {
  return useQuery({
    queryKey: ['products'],
    queryFn: async () => (await answer(client.GET('/api/v1/products'))).items,
    staleTime: 5 * 60_000,
  });
}

export type NewProduct = RequestBody<'/api/v1/products', 'post'>;

/** A product that is not in the catalogue yet, added from a deal's items. */
export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProduct) => answer(client.POST('/api/v1/products', { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['products'] }),
  });
}
