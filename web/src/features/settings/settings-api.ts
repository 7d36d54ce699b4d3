import { type QueryClient, type UseMutationOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { answer, client, ifMatch } from '../../api/client';
import type { LostReason, Member, RequestBody, Role } from '../../api/models';
import { useFormMutation } from '../../shared/api-form';

/** GET /pipelines/:id/probabilities: each stage's configured and historical win probability. */
export function useStageProbabilities(pipelineId: string) {
  return useQuery({
    queryKey: ['probabilities', pipelineId],
    queryFn: () =>
      answer(
        client.GET('/api/v1/pipelines/{id}/probabilities', {
          params: { path: { id: pipelineId } },
        }),
      ),
  });
}

export const tokensKey = ['tokens'] as const;

export function useApiTokens(isEnabled: boolean) {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await answer(client.GET('/api/v1/tokens'))).items,
    enabled: isEnabled,
  });
}

export function useExchangeRates() {
  return useQuery({
    queryKey: ['exchange-rates'],
    queryFn: () => answer(client.GET('/api/v1/exchange-rates')),
  });
}

/** Stage settings feed the board, the forecast and every weighted number. */
const PIPELINE_DERIVED_KEYS = ['pipelines', 'probabilities', 'board', 'forecast', 'metrics'];

export async function refreshAfterPipelineChange(queryClient: QueryClient): Promise<void> {
  await Promise.all(
    PIPELINE_DERIVED_KEYS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

/**
 * A settings form's change, its errors ready for Field and FormError; a 409 means someone else
 * changed the same thing in the meantime.
 */
export function useSettingsMutation<TData, TVariables>(
  options: UseMutationOptions<TData, Error, TVariables>,
) {
  const { t } = useTranslation();
  return useFormMutation(options, { byStatus: { 409: t('settings.conflict') } });
}

/** Changes a member's role, from the version the page shows (a stale one gets 409). */
export function changeMemberRole(member: Member, role: Role): Promise<Member> {
  return answer(
    client.PATCH('/api/v1/users/{id}', {
      params: { path: { id: member.id } },
      headers: ifMatch(member.version),
      body: { role },
    }),
  );
}

/** Deactivates a person who left, handing their open work to another member. */
export function deactivateMember(member: Member, handToUserId: string) {
  return answer(
    client.POST('/api/v1/users/{id}/deactivate', {
      params: { path: { id: member.id } },
      headers: ifMatch(member.version),
      body: { handToUserId },
    }),
  );
}

export type LostReasonChange = RequestBody<'/api/v1/lost-reasons/{id}', 'patch'>;

/** Relabels or moves a lost reason, from the version the page shows (a stale one gets 409). */
export function changeLostReason(reason: LostReason, body: LostReasonChange): Promise<LostReason> {
  return answer(
    client.PATCH('/api/v1/lost-reasons/{id}', {
      params: { path: { id: reason.id } },
      headers: ifMatch(reason.version),
      body,
    }),
  );
}

/** Archives a lost reason, from the version the page shows (a stale one gets 409). */
export async function archiveLostReason(reason: LostReason): Promise<void> {
  await client.DELETE('/api/v1/lost-reasons/{id}', {
    params: { path: { id: reason.id } },
    headers: ifMatch(reason.version),
  });
}

/** The role names, in the API's order. */
export const ROLES = ['admin', 'manager', 'rep'] as const;
