import { useTranslation } from 'react-i18next';
import type { Metrics } from '../../api/models';
import { formatNumber } from '../../format';
import { localName } from '../../pipelines';

/** Deals lost in the period: why (most first) and where (in stage order). */
export function LossTables({ metrics }: { metrics: Metrics }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const reasonOf = (row: Metrics['lostByReason'][number]) =>
    (language === 'ar' ? row.labelAr : row.labelEn) ?? t('dashboard.losses.noReason');
  return (
    <section className="panel" aria-labelledby="losses-title">
      <h2 id="losses-title">{t('dashboard.losses.title')}</h2>
      <div className="panel__pair">
        <table>
          <caption>{t('dashboard.losses.byReason')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.losses.reason')}</th>
              <th scope="col">{t('dashboard.losses.count')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.lostByReason.length === 0 && (
              <tr>
                <td colSpan={2}>{t('dashboard.losses.none')}</td>
              </tr>
            )}
            {metrics.lostByReason.map((row) => (
              <tr key={row.reasonId ?? 'none'}>
                <th scope="row">{reasonOf(row)}</th>
                <td>{formatNumber(row.count, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t('dashboard.losses.byStage')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.stage')}</th>
              <th scope="col">{t('dashboard.losses.count')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.lostByStage.map((row) => (
              <tr key={row.stage}>
                <th scope="row">{localName(row, language)}</th>
                <td>{formatNumber(row.count, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
