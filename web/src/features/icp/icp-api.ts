/** The ideal customer profile: the workspace's, the suggestion from closed deals, and fits. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, client, ifMatch } from '../../api/client';
import type { RequestBody, Schemas } from '../../api/models';

export type Icp = Schemas['Icp'];
export type IcpCriterion = Icp['criteria'][number];
export type IcpAttribute = Icp['attributes'][number];
export type IcpFit = Schemas['IcpFit'];
export type IcpSuggestion = Schemas['IcpSuggestion'];

export const icpKey = ['icp'] as const;

export function useIcp() {
  return useQuery({ queryKey: icpKey, queryFn: () => answer(client.GET('/api/v1/icp')) });
}

export function saveIcp(version: number, body: RequestBody<'/api/v1/icp', 'put'>) {
  return answer(client.PUT('/api/v1/icp', { headers: ifMatch(version), body }));
}

export function useIcpSuggestion(isEnabled: boolean) {
  return useQuery({
    queryKey: [...icpKey, 'suggestion'],
    queryFn: () => answer(client.GET('/api/v1/icp/suggestion')),
    enabled: isEnabled,
  });
}

/** The fit of a company, or of a deal through its company. */
export function useIcpFit(kind: 'company' | 'deal', id: string) {
  return useQuery({
    queryKey: [...icpKey, 'fit', kind, id],
    queryFn: () =>
      kind === 'company'
        ? answer(client.GET('/api/v1/companies/{id}/icp-fit', { params: { path: { id } } }))
        : answer(client.GET('/api/v1/deals/{id}/icp-fit', { params: { path: { id } } })),
    placeholderData: keepPreviousData,
  });
}

/** An attribute's name in the language shown: a column's from the words, a field's own label. */
export function attributeLabel(
  attribute: string,
  attributes: readonly IcpAttribute[],
  language: string,
  t: (key: string) => string,
): string {
  const found = attributes.find((a) => a.attribute === attribute);
  if (!found || found.type === 'column') return t(`icp.column.${attribute}`);
  return language === 'ar' ? found.labelAr : found.labelEn;
}
