import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client } from '../../api/client';
import { formatDays, formatPercent, localeOf } from '../../format';
import { localName } from '../../pipelines';

/**
 * The bottleneck finding: each open stage's recent time in stage and conversion beside its own
 * baseline (the 180 days before), the stages markedly worse flagged. Shared by the dashboard
 * and the pipeline review.
 */
export function BottleneckPanel({ pipelineId }: { pipelineId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const titleId = useId();
  const query = pipelineId ? { pipelineId } : {};
  const report = useQuery({
    queryKey: ['metrics', 'bottlenecks', query],
    queryFn: () => answer(client.GET('/api/v1/bottlenecks', { params: { query } })),
  });
  const days = (d: number | null) => (d === null ? '—' : formatDays(d, language));
  const rate = (r: number | null) => (r === null ? '—' : formatPercent(r, language));
  const data = report.data;
  const flagged = data?.stages.filter((s) => s.isBottleneck) ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('bottlenecks.title')}</h2>
      {report.isError && <p role="alert">{t('errors.generic')}</p>}
      {data && (
        <>
          <p className="hint">
            {t('bottlenecks.explain', { days: data.days, baselineDays: data.baselineDays })}
          </p>
          <p className={flagged.length > 0 ? 'notice notice--warning' : 'hint'}>
            {flagged.length > 0
              ? t('bottlenecks.found', {
                  stages: new Intl.ListFormat(localeOf(language)).format(
                    flagged.map((s) => localName(s.stage, language)),
                  ),
                  count: flagged.length,
                })
              : t('bottlenecks.none')}
          </p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('bottlenecks.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.stage')}</th>
                  <th scope="col">{t('bottlenecks.daysNow', { days: data.days })}</th>
                  <th scope="col">{t('bottlenecks.daysBefore')}</th>
                  <th scope="col">{t('bottlenecks.conversionNow')}</th>
                  <th scope="col">{t('bottlenecks.conversionBefore')}</th>
                  <th scope="col">{t('bottlenecks.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {data.stages.map((s) => (
                  <tr key={s.stage.id} className={s.isBottleneck ? 'is-flagged' : undefined}>
                    <th scope="row">{localName(s.stage, language)}</th>
                    <td>
                      {days(s.timeInStage.recent.meanDays)}{' '}
                      <span className="hint">
                        ({t('bottlenecks.visits', { count: s.timeInStage.recent.visits })})
                      </span>
                    </td>
                    <td>{days(s.timeInStage.baseline.meanDays)}</td>
                    <td>{rate(s.conversion.recent.rate)}</td>
                    <td>{rate(s.conversion.baseline.rate)}</td>
                    <td>
                      {s.isBottleneck ? (
                        <span className="badge badge--stale">
                          {s.timeInStage.isFlagged && s.conversion.isFlagged
                            ? t('bottlenecks.slowerAndWorse')
                            : s.timeInStage.isFlagged
                              ? t('bottlenecks.slower')
                              : t('bottlenecks.worse')}
                        </span>
                      ) : (
                        t('bottlenecks.ok')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
