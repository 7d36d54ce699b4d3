import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, setCsrfToken } from '../../api/client';
import type { RequestBody } from '../../api/models';
import { FormError, fieldText, useFormMutation } from '../../shared/api-form';

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const login = useFormMutation(
    {
      mutationFn: (body: RequestBody<'/api/v1/auth/login', 'post'>) =>
        answer(client.POST('/api/v1/auth/login', { body })),
      onSuccess: (result) => {
        setCsrfToken(result.csrfToken);
        return queryClient.invalidateQueries({ queryKey: ['me'] });
      },
    },
    { byStatus: { 401: t('login.failed') }, hasFields: false },
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({ email: fieldText(form, 'email'), password: fieldText(form, 'password') });
  };

  return (
    <main className="auth-page" id="main">
      <form className="card-form" onSubmit={submit}>
        <h1>{t('login.title')}</h1>
        <label>
          {t('login.email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <FormError form={login} />
        <button type="submit" disabled={login.isPending}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
