import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, setCsrfToken } from '../../api/client';
import type { RequestBody } from '../../api/models';
import { type Language, setLanguage } from '../../i18n/i18n';
import { FormError, fieldText, useFormMutation } from '../../shared/api-form';

const CURRENCIES = ['SAR', 'AED', 'USD', 'EUR', 'KWD', 'QAR', 'EGP', 'GBP'];

/** First run: the workspace, its admin, language, base currency, time zone and week. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const setup = useFormMutation(
    {
      mutationFn: async ({
        body,
        withDemo,
      }: {
        body: RequestBody<'/api/v1/setup', 'post'>;
        withDemo: boolean;
      }) => {
        const result = await answer(client.POST('/api/v1/setup', { body }));
        setCsrfToken(result.csrfToken);
        if (withDemo) await client.POST('/api/v1/demo', { body: {} });
      },
      // Everything changes: who is signed in, whether setup is needed, the data.
      onSuccess: () => queryClient.invalidateQueries(),
    },
    { hasFields: false },
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const locale = i18n.language === 'ar' ? 'ar' : 'en';
    setup.mutate({
      body: {
        workspace: {
          name: fieldText(form, 'workspace'),
          baseCurrency: fieldText(form, 'currency'),
          timeZone: fieldText(form, 'timeZone'),
          weekStart: Number(form.get('weekStart')),
          defaultLocale: locale,
        },
        admin: {
          name: fieldText(form, 'name'),
          email: fieldText(form, 'email'),
          password: fieldText(form, 'password'),
          locale,
        },
      },
      withDemo: form.get('demo') === 'on',
    });
  };

  return (
    <main className="auth-page" id="main">
      <form className="card-form" onSubmit={submit}>
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <label>
          {t('nav.language')}
          <select
            value={i18n.language}
            onChange={(e) => void setLanguage(e.target.value as Language)}
          >
            <option value="en">{t('language.en')}</option>
            <option value="ar">{t('language.ar')}</option>
          </select>
        </label>
        <label>
          {t('setup.workspaceName')}
          <input name="workspace" required />
        </label>
        <label>
          {t('setup.baseCurrency')}
          <select name="currency" defaultValue={i18n.language === 'ar' ? 'SAR' : 'USD'}>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          {t('setup.timeZone')}
          <input name="timeZone" defaultValue={zone} required />
        </label>
        <label>
          {t('setup.weekStart')}
          <select name="weekStart" defaultValue={i18n.language === 'ar' ? '0' : '1'}>
            <option value="0">{t('setup.sunday')}</option>
            <option value="1">{t('setup.monday')}</option>
            <option value="6">{t('setup.saturday')}</option>
          </select>
        </label>
        <label>
          {t('setup.adminName')}
          <input name="name" required autoComplete="name" />
        </label>
        <label>
          {t('setup.email')}
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          {t('setup.password')}
          <input
            name="password"
            type="password"
            minLength={10}
            required
            autoComplete="new-password"
            aria-describedby="password-hint"
          />
          <small id="password-hint">{t('setup.passwordHint')}</small>
        </label>
        <label className="inline">
          <input name="demo" type="checkbox" />
          {t('setup.loadDemo')}
        </label>
        <FormError form={setup} />
        <button type="submit" disabled={setup.isPending || setup.isSuccess}>
          {t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
