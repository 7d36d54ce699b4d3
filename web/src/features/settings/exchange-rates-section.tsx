import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client } from '../../api/client';
import { formatDay, formatRate } from '../../format';
import { Field, FormError, fieldText } from '../../shared/api-form';
import { useExchangeRates, useSettingsMutation } from './settings-api';

/** What a rate feeds: every sum in the base currency. */
const RATE_DERIVED_KEYS = ['exchange-rates', 'board', 'forecast', 'metrics'];

/** Dated rates to the base currency; admins and managers set a currency's rate for a day. */
export function ExchangeRatesSection({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const rates = useExchangeRates();
  const form = useSettingsMutation({
    mutationFn: ({ currency, day, rate }: { currency: string; day: string; rate: string }) =>
      answer(
        client.PUT('/api/v1/exchange-rates/{currency}/{day}', {
          params: { path: { currency, day } },
          body: { rate },
        }),
      ),
    onSettled: () =>
      void Promise.all(
        RATE_DERIVED_KEYS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
      ),
  });
  const base = rates.data?.baseCurrency ?? '';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    form.mutate(
      {
        currency: fieldText(data, 'currency').trim().toUpperCase(),
        day: fieldText(data, 'day'),
        rate: fieldText(data, 'rate').trim(),
      },
      { onSuccess: () => element.reset() },
    );
  };
  return (
    <section className="panel settings-section" aria-labelledby="rates-title">
      <h2 id="rates-title">{t('settings.rates.title')}</h2>
      {base && <p className="hint">{t('settings.rates.intro', { base })}</p>}
      <div
        className="table-scroll"
        role="region"
        aria-label={t('settings.rates.title')}
        tabIndex={0}
      >
        <table className="list-table settings-table">
          <caption className="visually-hidden">{t('settings.rates.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.rates.currency')}</th>
              <th scope="col">{t('settings.rates.day')}</th>
              <th scope="col">{t('settings.rates.rate', { base })}</th>
            </tr>
          </thead>
          <tbody>
            {rates.isSuccess && rates.data.items.length === 0 && (
              <tr>
                <td colSpan={3}>{t('settings.rates.none')}</td>
              </tr>
            )}
            {(rates.data?.items ?? []).map((rate) => (
              <tr key={`${rate.currency}-${rate.day}`}>
                <th scope="row">{rate.currency}</th>
                <td>{formatDay(rate.day, i18n.language)}</td>
                <td>{formatRate(rate.rate, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && (
        <form className="filter-bar" onSubmit={submit}>
          <Field label={t('settings.rates.currency')} name="currency" form={form}>
            {(props) => (
              <input
                {...props}
                required
                pattern="[A-Za-z]{3}"
                maxLength={3}
                className="narrow"
                dir="ltr"
              />
            )}
          </Field>
          <Field label={t('settings.rates.day')} name="day" form={form}>
            {(props) => <input {...props} type="date" required />}
          </Field>
          <Field label={t('settings.rates.rate', { base })} name="rate" form={form}>
            {(props) => <input {...props} required inputMode="decimal" dir="ltr" />}
          </Field>
          <button type="submit" disabled={form.isPending}>
            {t('settings.rates.set')}
          </button>
          <FormError form={form} />
        </form>
      )}
    </section>
  );
}
