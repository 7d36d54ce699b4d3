import { useTranslation } from 'react-i18next';
import type { Metrics } from '../../api/models';
import { AsOfNotice, AsOfPicker, useAsOf } from '../../as-of';
import { addDays } from '../../calendar-day';
import { formatDay } from '../../format';
import { localName } from '../../pipelines';
import { useWorkspace } from '../../workspace';
import { BottleneckPanel } from './bottleneck-panel';
import { DashboardFilterBar, useDashboardFilters } from './dashboard-filters';
import { FunnelSection } from './funnel-section';
import { KpiList } from './kpi-list';
import { LeadVelocitySection } from './lead-velocity-section';
import { LeaderboardTable } from './leaderboard-table';
import { LossTables } from './loss-tables';
import { useMetrics } from './metrics-api';
import { StageTables } from './stage-tables';

/** Funnel and dashboards: the pipeline's numbers over a period, from its stage history. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  if (workspace.isPending) return <p className="loading">…</p>;
  if (workspace.isError) return <p role="alert">{t('errors.generic')}</p>;
  return <Dashboard timeZone={workspace.data.timeZone} />;
}

function Dashboard({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const asOf = useAsOf(timeZone);
  const state = useDashboardFilters(asOf.today);
  const { range, pipelineId, ownerId } = state.filters;
  const metrics = useMetrics(
    range && { ...range, pipelineId, ownerId, ...(asOf.instant ? { asOf: asOf.instant } : {}) },
  );
  return (
    <section className="dashboard-page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <div className="toolbar">
        <DashboardFilterBar state={state} today={asOf.today} />
        <AsOfPicker asOf={asOf} />
      </div>
      <AsOfNotice asOf={asOf} note={t('asOf.metricsNote')} />
      {!range && <p role="alert">{t('dashboard.period.invalid')}</p>}
      {metrics.isError && <p role="alert">{t('errors.generic')}</p>}
      {metrics.data && (
        <div className={`dashboard${metrics.isPlaceholderData ? ' is-refreshing' : ''}`}>
          <PeriodLine metrics={metrics.data} language={i18n.language} />
          <KpiList metrics={metrics.data} />
          <FunnelSection funnel={metrics.data.funnel} />
          <StageTables metrics={metrics.data} />
          <BottleneckPanel pipelineId={metrics.data.pipeline.id} />
          <LeadVelocitySection
            months={metrics.data.leadVelocityRate}
            lastDay={asOf.instant ? addDays(asOf.day, -1) : asOf.today}
          />
          <LossTables metrics={metrics.data} />
          <LeaderboardTable leaderboard={metrics.data.leaderboard} />
        </div>
      )}
    </section>
  );
}

function PeriodLine({ metrics, language }: { metrics: Metrics; language: string }) {
  const { t } = useTranslation();
  return (
    <p className="period-line">
      {t('dashboard.periodLine', {
        pipeline: localName(metrics.pipeline, language),
        from: formatDay(metrics.period.from, language),
        to: formatDay(addDays(metrics.period.to, -1), language),
        currency: metrics.baseCurrency,
      })}
      {metrics.unconvertedCurrencies.length > 0 && (
        <span className="error">
          {' '}
          {t('dashboard.unconverted', { currencies: metrics.unconvertedCurrencies.join(', ') })}
        </span>
      )}
    </p>
  );
}
