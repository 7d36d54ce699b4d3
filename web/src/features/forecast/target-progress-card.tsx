import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Money, TargetProgress } from '../../api/models';
import { formatMoney, formatNumber, formatPercent, formatRatio } from '../../format';

/** One target: how far along it is, the gap, the pipeline's coverage and the deals still needed. */
export function TargetProgressCard({ progress, name }: { progress: TargetProgress; name: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const titleId = useId();
  const money = (m: Money | null) => (m ? formatMoney(m.minor, m.currency, language) : '—');
  const times = (ratio: number) => t('targets.times', { value: formatRatio(ratio, language) });
  const attainment = progress.attainment ?? 0;
  return (
    <article className="panel target" aria-labelledby={titleId}>
      <h3 id={titleId}>{name}</h3>
      <p className="target__progress">
        <progress value={Math.min(attainment, 1)} max={1} aria-labelledby={titleId} />
        <span>
          {t('targets.attained', {
            percent: formatPercent(attainment, language),
            target: money(progress.targetAmount),
          })}
        </span>
      </p>
      <dl className="fields">
        <div>
          <dt>{t('targets.wonSoFar')}</dt>
          <dd>{money(progress.wonSoFar)}</dd>
        </div>
        <div>
          <dt>{t('targets.remaining')}</dt>
          <dd>{money(progress.remaining)}</dd>
        </div>
        <div>
          <dt>{t('targets.coverage')}</dt>
          <dd>
            {progress.coverage
              ? t('targets.coverageValue', {
                  weighted: times(progress.coverage.weighted),
                  unweighted: times(progress.coverage.unweighted),
                })
              : t('targets.met')}
          </dd>
        </div>
        <div>
          <dt>{t('targets.averageWonDeal')}</dt>
          <dd>
            {money(progress.averageWonDeal)}{' '}
            <small className="hint">
              {t('targets.recentWonDeals', {
                count: progress.recentWonDeals,
                value: formatNumber(progress.recentWonDeals, language),
              })}
            </small>
          </dd>
        </div>
      </dl>
      <table>
        <caption>{t('targets.needed.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.stage')}</th>
            <th scope="col">{t('targets.needed.probability')}</th>
            <th scope="col">{t('targets.needed.deals')}</th>
          </tr>
        </thead>
        <tbody>
          {progress.opportunitiesNeeded.map((stage) => (
            <tr key={stage.stageId}>
              <th scope="row">{language === 'ar' ? stage.nameAr : stage.nameEn}</th>
              <td>{formatPercent(stage.probability, language)}</td>
              <td>{stage.needed === null ? '—' : formatNumber(stage.needed, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('targets.needed.explain')}</p>
    </article>
  );
}
