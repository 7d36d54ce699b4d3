import { useQuery } from '@tanstack/react-query';
import { answer, client } from './api/client';

/** Every pipeline with its stages (the same request the dashboard's pipeline picker makes). */
export function usePipelineDetails() {
  return useQuery({
    queryKey: ['pipelines'],
    queryFn: async () => (await answer(client.GET('/api/v1/pipelines'))).items,
    staleTime: 5 * 60_000,
  });
}

/** A name in the reader's language. */
export function localName(named: { nameEn: string; nameAr: string }, language: string): string {
  return language === 'ar' ? named.nameAr : named.nameEn;
}
