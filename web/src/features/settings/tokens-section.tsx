import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client } from '../../api/client';
import type { NewApiToken, Role } from '../../api/models';
import { formatDate } from '../../format';
import { Field, FormError, fieldText } from '../../shared/api-form';
import { tokensKey, useApiTokens, useSettingsMutation } from './settings-api';
import { RoleOptions, roleName } from './users-section';

/** API tokens (admins only): a new token's secret is shown here once and never again. */
export function TokensSection() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useApiTokens(true);
  const onSettled = () => void queryClient.invalidateQueries({ queryKey: tokensKey });
  const create = useSettingsMutation({
    mutationFn: (body: { name: string; role: Role }) =>
      answer(client.POST('/api/v1/tokens', { body })),
    onSettled,
  });
  const revoke = useSettingsMutation({
    mutationFn: (id: string) => client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }),
    onSettled,
  });
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    setCreated(null);
    create.mutate(
      { name: fieldText(data, 'name'), role: fieldText(data, 'role') as Role },
      {
        onSuccess: (token) => {
          setCreated(token);
          element.reset();
        },
      },
    );
  };
  const remove = (id: string, name: string) => {
    if (window.confirm(t('settings.tokens.confirmRevoke', { name }))) revoke.mutate(id);
  };
  return (
    <section className="panel settings-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('settings.tokens.title')}</h2>
      <FormError form={revoke} />
      <div
        className="table-scroll"
        role="region"
        aria-label={t('settings.tokens.title')}
        tabIndex={0}
      >
        <table className="list-table settings-table">
          <caption className="visually-hidden">{t('settings.tokens.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.tokens.name')}</th>
              <th scope="col">{t('settings.tokens.prefix')}</th>
              <th scope="col">{t('settings.users.role')}</th>
              <th scope="col">{t('lists.created')}</th>
              <th scope="col">{t('settings.tokens.lastUsed')}</th>
              <th scope="col">{t('settings.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.isSuccess && tokens.data.length === 0 && (
              <tr>
                <td colSpan={6}>{t('settings.tokens.none')}</td>
              </tr>
            )}
            {(tokens.data ?? []).map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td dir="ltr">
                  <code>{token.prefix}…</code>
                </td>
                <td>{roleName(token.role, t)}</td>
                <td>{token.createdAt ? formatDate(token.createdAt, i18n.language) : '—'}</td>
                <td>{token.lastUsedAt ? formatDate(token.lastUsedAt, i18n.language) : '—'}</td>
                <td>
                  <button
                    type="button"
                    disabled={revoke.isPending}
                    aria-label={t('settings.tokens.revokeOf', { name: token.name })}
                    onClick={() => remove(token.id, token.name)}
                  >
                    {t('settings.tokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="filter-bar" onSubmit={submit}>
        <Field label={t('settings.tokens.name')} name="name" form={create}>
          {(props) => <input {...props} required maxLength={120} />}
        </Field>
        <Field label={t('settings.users.role')} name="role" form={create}>
          {(props) => (
            <select {...props} defaultValue="rep">
              <RoleOptions />
            </select>
          )}
        </Field>
        <button type="submit" disabled={create.isPending}>
          {t('settings.tokens.create')}
        </button>
        <FormError form={create} />
      </form>
      {created && (
        <div role="status" className="notice secret">
          <p>{t('settings.tokens.once', { name: created.name })}</p>
          <code dir="ltr">{created.token}</code>
        </div>
      )}
    </section>
  );
}
