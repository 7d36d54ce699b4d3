/** Upsells and cross-sells: made from a won deal, linked both ways. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answer, client } from '../../api/client';
import { dealQuery, refreshAfterDealChange } from '../../api/deals';
import type { Deal } from '../../api/models';
import { formatMoney } from '../../format';
import { fieldText, messageOf } from '../../shared/api-form';

export function DealExpansions({ deal }: { deal: Deal }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const kindId = useId();
  const nameId = useId();
  const [error, setError] = useState<string | null>(null);
  const origin = useQuery({
    ...dealQuery(deal.originDealId ?? ''),
    enabled: deal.originDealId !== null,
  });
  const key = ['deal', deal.id, 'expansions'];
  const expansions = useQuery({
    queryKey: key,
    enabled: deal.status === 'won',
    queryFn: async () =>
      (
        await answer(
          client.GET('/api/v1/deals', {
            params: { query: { originDealId: deal.id } },
          }),
        )
      ).items,
  });
  const create = useMutation({
    mutationFn: (body: { title: string; businessKind: 'upsell' | 'cross_sell' }) =>
      answer(
        client.POST('/api/v1/deals', {
          body: { ...body, originDealId: deal.id, currency: deal.currency },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: key }),
        refreshAfterDealChange(queryClient),
      ]),
    onError: (caught) => setError(messageOf(caught, t('errors.generic'))),
  });
  if (deal.originDealId) {
    return (
      <p className="hint">
        <span className="badge">{t(`deal.businessKind.${deal.businessKind}`)}</span>{' '}
        {origin.data && (
          <Link to={`/deals/${deal.originDealId}`}>
            {t('deal.expansion.of', { deal: origin.data.title })}
          </Link>
        )}
      </p>
    );
  }
  if (deal.status !== 'won') return null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const element = event.currentTarget;
    create.mutate(
      {
        title: fieldText(form, 'title').trim(),
        businessKind: fieldText(form, 'kind') as 'upsell' | 'cross_sell',
      },
      { onSuccess: () => element.reset() },
    );
  };
  const items = expansions.data ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('deal.expansion.list')}</h2>
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((d) => (
            <li key={d.id}>
              <Link to={`/deals/${d.id}`}>{d.title}</Link>{' '}
              <span className="badge">{t(`deal.businessKind.${d.businessKind}`)}</span>{' '}
              {d.amountMinor !== null && formatMoney(d.amountMinor, d.currency, i18n.language)}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="dialog-form" aria-label={t('deal.expansion.new')}>
        <label htmlFor={kindId}>{t('deal.expansion.kind')}</label>
        <select id={kindId} name="kind" defaultValue="upsell">
          <option value="upsell">{t('deal.expansion.upsell')}</option>
          <option value="cross_sell">{t('deal.expansion.cross_sell')}</option>
        </select>
        <label htmlFor={nameId}>{t('deal.expansion.title')}</label>
        <input id={nameId} name="title" required maxLength={300} />
        <button type="submit" disabled={create.isPending}>
          {t('deal.expansion.create')}
        </button>
        {error && <p role="alert">{error}</p>}
      </form>
    </section>
  );
}
