/** Companies and contacts: one record, its changes, and new ones made from anywhere. */
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { answer, client, ifMatch } from './client';
import type { RequestBody } from './models';

export type NewCompany = RequestBody<'/api/v1/companies', 'post'>;
export type CompanyChange = RequestBody<'/api/v1/companies/{id}', 'patch'>;
export type NewContact = RequestBody<'/api/v1/contacts', 'post'>;
export type ContactChange = RequestBody<'/api/v1/contacts/{id}', 'patch'>;

export function companyQuery(id: string) {
  return queryOptions({
    queryKey: ['company', id] as const,
    queryFn: () => answer(client.GET('/api/v1/companies/{id}', { params: { path: { id } } })),
  });
}

export function contactQuery(id: string) {
  return queryOptions({
    queryKey: ['contact', id] as const,
    queryFn: () => answer(client.GET('/api/v1/contacts/{id}', { params: { path: { id } } })),
  });
}

export function useCompany(id: string | null) {
  return useQuery({ ...companyQuery(id ?? ''), enabled: id !== null && id !== '' });
}

export function useContact(id: string) {
  return useQuery(contactQuery(id));
}

/** Companies or contacts whose name matches `q` (folded), for a picker: the first 20. */
export function useCompanyMatches(q: string) {
  return useQuery({
    queryKey: ['companies', 'matching', q],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await answer(client.GET('/api/v1/companies', { params: { query: { q, limit: 20 } } })))
        .items,
  });
}

export function useContactMatches(q: string, companyId?: string) {
  return useQuery({
    queryKey: ['contacts', 'matching', q, companyId],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (
        await answer(
          client.GET('/api/v1/contacts', {
            params: { query: { q, limit: 20, ...(companyId ? { companyId } : {}) } },
          }),
        )
      ).items,
  });
}

/** The contacts of a company (up to 200). */
export function useContactsOf(companyId: string) {
  return useQuery({
    queryKey: ['contacts', 'of', companyId],
    queryFn: async () =>
      (
        await answer(
          client.GET('/api/v1/contacts', { params: { query: { companyId, limit: 200 } } }),
        )
      ).items,
  });
}

/** A change to a company or a contact is seen by its page, the lists and the search. */
function useRefreshRecords() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ['company', 'contact', 'companies', 'contacts', 'list', 'search', 'board'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [key] }),
      ),
    );
}

export function useCreateCompany() {
  const refresh = useRefreshRecords();
  return useMutation({
    mutationFn: (body: NewCompany) => answer(client.POST('/api/v1/companies', { body })),
    onSettled: () => void refresh(),
  });
}

export function useCreateContact() {
  const refresh = useRefreshRecords();
  return useMutation({
    mutationFn: (body: NewContact) => answer(client.POST('/api/v1/contacts', { body })),
    onSettled: () => void refresh(),
  });
}

export function patchCompany(company: { id: string; version: number }, body: CompanyChange) {
  return answer(
    client.PATCH('/api/v1/companies/{id}', {
      params: { path: { id: company.id } },
      headers: ifMatch(company.version),
      body,
    }),
  );
}

export function patchContact(contact: { id: string; version: number }, body: ContactChange) {
  return answer(
    client.PATCH('/api/v1/contacts/{id}', {
      params: { path: { id: contact.id } },
      headers: ifMatch(contact.version),
      body,
    }),
  );
}

/** Records that the person left their company (or came back); their deals get flagged. */
export function setContactLeft(
  contact: { id: string; version: number },
  body: { hasLeft: boolean; note?: string | null },
) {
  return answer(
    client.POST('/api/v1/contacts/{id}/left', {
      params: { path: { id: contact.id } },
      headers: ifMatch(contact.version),
      body,
    }),
  );
}

export { useRefreshRecords };
