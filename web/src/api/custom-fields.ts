import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client, ifMatch } from './client';
import type { RequestBody } from './models';
import type { components } from './schema';

export type CustomField = components['schemas']['CustomField'];
export type CustomFieldValue = components['schemas']['CustomFieldValue'];
export type CustomFieldKind = CustomField['recordKind'];
export type CustomFieldType = CustomField['type'];
export type NewCustomField = RequestBody<'/api/v1/custom-fields', 'post'>;
export type CustomFieldChange = RequestBody<'/api/v1/custom-fields/{id}', 'patch'>;

export const customFieldsKey = ['custom-fields'] as const;

/** Every field (archived ones too, for settings), in order; pages pick their kind's active ones. */
export function useCustomFields() {
  return useQuery({
    queryKey: customFieldsKey,
    queryFn: async () =>
      (
        await answer(
          client.GET('/api/v1/custom-fields', { params: { query: { includeArchived: 'true' } } }),
        )
      ).items,
    staleTime: 60_000,
  });
}

/** The active fields of one kind of record, in their order. */
export function useActiveFields(kind: CustomFieldKind): CustomField[] {
  const fields = useCustomFields();
  return (fields.data ?? [])
    .filter((f) => f.recordKind === kind && f.archivedAt === null)
    .sort((a, b) => a.position - b.position);
}

/** Fields change what records show: the records are read again too. */
function useRefreshFields() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [customFieldsKey[0], 'deal', 'company', 'contact', 'list', 'board'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [key] }),
      ),
    );
}

export function useCreateCustomField() {
  const refresh = useRefreshFields();
  return useMutation({
    mutationFn: (body: NewCustomField) => answer(client.POST('/api/v1/custom-fields', { body })),
    onSettled: () => void refresh(),
  });
}

export function useUpdateCustomField() {
  const refresh = useRefreshFields();
  return useMutation({
    mutationFn: ({ field, change }: { field: CustomField; change: CustomFieldChange }) =>
      answer(
        client.PATCH('/api/v1/custom-fields/{id}', {
          params: { path: { id: field.id } },
          headers: ifMatch(field.version),
          body: change,
        }),
      ),
    onSettled: () => void refresh(),
  });
}
