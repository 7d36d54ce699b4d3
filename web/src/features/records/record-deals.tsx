/** The deals of a company or a contact, open ones first, with their totals by status. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answer, client } from '../../api/client';
import type { Deal } from '../../api/models';
import { formatDay, formatMoney } from '../../format';
import { localName, usePipelineDetails } from '../../pipelines';

const STATUSES = ['open', 'won', 'lost'] as const;

/** Sums of amounts, one per currency (amounts in different currencies are never added up). */
export function totalsByCurrency(deals: Deal[]): { currency: string; minor: number }[] {
  const sums = new Map<string, number>();
  for (const deal of deals) {
    if (deal.amountMinor !== null) {
      sums.set(deal.currency, (sums.get(deal.currency) ?? 0) + deal.amountMinor);
    }
  }
  return [...sums].map(([currency, minor]) => ({ currency, minor }));
}

export function useDealsOf(of: { companyId: string } | { contactId: string }) {
  return useQuery({
    queryKey: ['list', 'deals', 'of', of],
    queryFn: async () =>
      (
        await answer(
          client.GET('/api/v1/deals', {
            params: { query: { ...of, limit: 200, sort: 'updatedAt', direction: 'desc' } },
          }),
        )
      ).items,
  });
}

export function RecordDeals({ of }: { of: { companyId: string } | { contactId: string } }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const deals = useDealsOf(of);
  const pipelines = usePipelineDetails();
  const stageName = (stageId: string) => {
    const stage = pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === stageId);
    return stage ? localName(stage, language) : '';
  };
  const all = deals.data ?? [];
  return (
    <section className="panel" aria-labelledby="record-deals-title">
      <h2 id="record-deals-title">{t('records.deals')}</h2>
      <dl className="kpis record-totals">
        {STATUSES.map((status) => {
          const of = all.filter((d) => d.status === status);
          const totals = totalsByCurrency(of);
          return (
            <div key={status}>
              <dt>
                {t('records.dealsByStatus', {
                  status: t(`deal.status_${status}`),
                  count: of.length,
                })}
              </dt>
              <dd className="totals">
                {totals.length === 0
                  ? '—'
                  : totals
                      .map((total) => formatMoney(total.minor, total.currency, language))
                      .join(' · ')}
              </dd>
            </div>
          );
        })}
      </dl>
      {all.length === 0 ? (
        <p className="hint">{t('records.noDeals')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('records.deals')} tabIndex={0}>
          <table className="list-table">
            <caption className="visually-hidden">{t('records.deals')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deal.title')}</th>
                <th scope="col">{t('deal.status')}</th>
                <th scope="col">{t('deal.stage')}</th>
                <th scope="col">{t('deal.amount')}</th>
                <th scope="col">{t('deal.expectedCloseDate')}</th>
              </tr>
            </thead>
            <tbody>
              {[...all]
                .sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status))
                .map((deal) => (
                  <tr key={deal.id}>
                    <th scope="row">
                      <Link to={`/deals/${deal.id}`}>{deal.title}</Link>
                    </th>
                    <td>{t(`deal.status_${deal.status}`)}</td>
                    <td>{stageName(deal.stageId)}</td>
                    <td className="totals">
                      {deal.amountMinor === null
                        ? '—'
                        : formatMoney(deal.amountMinor, deal.currency, language)}
                    </td>
                    <td>
                      {deal.expectedCloseDate ? formatDay(deal.expectedCloseDate, language) : '—'}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
