import { useTranslation } from 'react-i18next';
import type { Metrics, Money } from '../../api/models';
import { formatDays, formatMoney, formatNumber, formatPercent } from '../../format';

/** The headline numbers of the period, each with what it is made of. */
export function KpiList({ metrics }: { metrics: Metrics }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const money = (m: Money | null) => (m ? formatMoney(m.minor, m.currency, language) : '—');
  const percent = (r: number | null) => (r === null ? '—' : formatPercent(r, language));
  const days = (d: number | null) =>
    d === null
      ? '—'
      : t('dashboard.days', { count: Math.round(d * 10) / 10, value: formatDays(d, language) });
  const { salesCycleDays: cycle, mqlToSql } = metrics;
  const kpis = [
    {
      key: 'winRate',
      value: percent(metrics.winRate),
      detail: t('dashboard.wonLost', {
        won: formatNumber(metrics.wonCount, language),
        lost: formatNumber(metrics.lostCount, language),
      }),
    },
    {
      key: 'wonAmount',
      value: money(metrics.wonAmount),
      detail: t('dashboard.expansion', {
        newBusiness: money(metrics.wonByBusinessKind.newBusiness),
        expansion: money(metrics.wonByBusinessKind.expansion),
        n: formatNumber(metrics.wonByBusinessKind.expansionCount, language),
      }),
    },
    { key: 'averageWon', value: money(metrics.averageWonAmount) },
    {
      key: 'salesCycle',
      value: days(cycle.mean),
      detail: t('dashboard.median', { value: days(cycle.median) }),
    },
    {
      key: 'mqlToSql',
      value: percent(mqlToSql.rate),
      detail: t('dashboard.ofDeals', {
        part: formatNumber(mqlToSql.sqls, language),
        whole: formatNumber(mqlToSql.mqls, language),
      }),
    },
    {
      key: 'salesVelocity',
      value: money(metrics.salesVelocity.perDay),
      detail: t('dashboard.openDeals', {
        count: metrics.salesVelocity.openDeals,
        value: formatNumber(metrics.salesVelocity.openDeals, language),
      }),
    },
  ];
  // Each card is a group named by its term, around a list of its own: a <dl> may hold only
  // plain <div>s, so the groups cannot sit inside one shared list.
  return (
    <div className="kpis kpis--cards">
      {kpis.map((kpi) => (
        <div key={kpi.key} role="group" aria-labelledby={`kpi-${kpi.key}`}>
          <dl>
            <dt id={`kpi-${kpi.key}`}>{t(`dashboard.kpi.${kpi.key}`)}</dt>
            <dd>{kpi.value}</dd>
            {kpi.detail && <dd className="kpis__detail">{kpi.detail}</dd>}
          </dl>
        </div>
      ))}
    </div>
  );
}
