import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldText } from '../../form';
import { ApiError, api, setCsrfToken } from '../../api';

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ csrfToken: string }>('/auth/login', {
        method: 'POST',
        body: { email: fieldText(form, 'email'), password: fieldText(form, 'password') },
      });
      setCsrfToken(result.csrfToken);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? t('login.failed')
          : caught instanceof ApiError
            ? caught.message
            : t('errors.generic'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page" id="main">
      <form className="card-form" onSubmit={(event) => void submit(event)}>
        <h1>{t('login.title')}</h1>
        <label>
          {t('login.email')}
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={isBusy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
