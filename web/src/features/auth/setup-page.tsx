import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldText } from '../../form';
import { ApiError, api, setCsrfToken } from '../../api';
import { type Language, setLanguage } from '../../i18n/i18n';

const CURRENCIES = ['SAR', 'AED', 'USD', 'EUR', 'KWD', 'QAR', 'EGP', 'GBP'];

/** First run: the workspace, its admin, language, base currency, time zone and week. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const result = await api<{ csrfToken: string }>('/setup', {
        method: 'POST',
        body: {
          workspace: {
            name: fieldText(form, 'workspace'),
            baseCurrency: fieldText(form, 'currency'),
            timeZone: fieldText(form, 'timeZone'),
            weekStart: Number(form.get('weekStart')),
            defaultLocale: i18n.language === 'ar' ? 'ar' : 'en',
          },
          admin: {
            name: fieldText(form, 'name'),
            email: fieldText(form, 'email'),
            password: fieldText(form, 'password'),
            locale: i18n.language === 'ar' ? 'ar' : 'en',
          },
        },
      });
      setCsrfToken(result.csrfToken);
      if (form.get('demo') === 'on') await api('/demo', { method: 'POST', body: {} });
      await queryClient.invalidateQueries();
    } catch (caught) {
      setBusy(false);
      setError(
        caught instanceof ApiError
          ? caught.body.details.map((d) => d.message).join(' · ') || caught.message
          : t('errors.generic'),
      );
    }
  };

  return (
    <main className="auth-page" id="main">
      <form className="card-form" onSubmit={(event) => void submit(event)}>
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
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={isBusy}>
          {t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
