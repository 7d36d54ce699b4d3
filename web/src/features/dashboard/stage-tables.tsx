import { useTranslation } from 'react-i18next';
import type { Metrics } from '../../api/models';
import { formatDays, formatNumber, formatPercent } from '../../format';
import { localName } from '../../pipelines';

/** How long deals stay in each stage, and how many of those that entered it moved on. */
export function StageTables({ metrics }: { metrics: Metrics }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const days = (d: number | null) => (d === null ? '—' : formatDays(d, language));
  const number = (n: number) => formatNumber(n, language);
  return (
    <>
      <section className="panel" aria-labelledby="time-in-stage-title">
        <h2 id="time-in-stage-title">{t('dashboard.timeInStage.title')}</h2>
        <p className="hint">{t('dashboard.timeInStage.explain')}</p>
        <table>
          <caption className="visually-hidden">{t('dashboard.timeInStage.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.stage')}</th>
              <th scope="col">{t('dashboard.timeInStage.meanDays')}</th>
              <th scope="col">{t('dashboard.timeInStage.visits')}</th>
              <th scope="col">{t('dashboard.timeInStage.openDeals')}</th>
              <th scope="col">{t('dashboard.timeInStage.currentAge')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.timeInStage.map((stage) => (
              <tr key={stage.stage}>
                <th scope="row">{localName(stage, language)}</th>
                <td>{days(stage.meanDays)}</td>
                <td>{number(stage.completedVisits)}</td>
                <td>{number(stage.openDeals)}</td>
                <td>{days(stage.meanCurrentAgeDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="conversion-title">
        <h2 id="conversion-title">{t('dashboard.conversion.title')}</h2>
        <p className="hint">{t('dashboard.conversion.explain')}</p>
        <table>
          <caption className="visually-hidden">{t('dashboard.conversion.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.stage')}</th>
              <th scope="col">{t('dashboard.conversion.entered')}</th>
              <th scope="col">{t('dashboard.conversion.advanced')}</th>
              <th scope="col">{t('dashboard.conversion.stillOpen')}</th>
              <th scope="col">{t('dashboard.conversion.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.stageConversion.map((stage) => (
              <tr key={stage.stage}>
                <th scope="row">{localName(stage, language)}</th>
                <td>{number(stage.entered)}</td>
                <td>{number(stage.advanced)}</td>
                <td>{number(stage.stillOpen)}</td>
                <td>{stage.rate === null ? '—' : formatPercent(stage.rate, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
