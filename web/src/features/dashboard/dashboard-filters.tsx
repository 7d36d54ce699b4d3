import { useTranslation } from 'react-i18next';
import { localName, usePipelineDetails } from '../../pipelines';
import { useSearchParam } from '../../search-param';
import { OwnerSelect } from '../../shared/owner-select';
import {
  currentPeriod,
  customPeriod,
  type DayRange,
  isPeriodKind,
  type PeriodKind,
} from './period';

export interface DashboardFilters {
  range: DayRange | null;
  pipelineId: string;
  ownerId: string;
}

/** The dashboard's choices, kept in the address: ?period=&first=&last=&pipeline=&owner=. */
export function useDashboardFilters(today: string) {
  const [periodParam, setPeriod] = useSearchParam('period');
  const [first, setFirst] = useSearchParam('first');
  const [last, setLast] = useSearchParam('last');
  const [pipelineId, setPipelineId] = useSearchParam('pipeline');
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const kind: PeriodKind = isPeriodKind(periodParam) ? periodParam : 'quarter';
  const range = kind === 'custom' ? customPeriod(first, last) : currentPeriod(kind, today);
  return {
    kind,
    first,
    last,
    filters: { range, pipelineId, ownerId } satisfies DashboardFilters,
    setKind: (next: PeriodKind) => {
      if (next === 'custom' && !first) {
        // Start a custom period from the one on screen, so the numbers do not vanish.
        const shown = range ?? currentPeriod('quarter', today);
        setFirst(shown.from);
        setLast(today);
      }
      setPeriod(next === 'quarter' ? '' : next);
    },
    setFirst,
    setLast,
    setPipelineId,
    setOwnerId,
  };
}

type FilterState = ReturnType<typeof useDashboardFilters>;

export function DashboardFilterBar({ state, today }: { state: FilterState; today: string }) {
  const { t, i18n } = useTranslation();
  const pipelines = usePipelineDetails();
  const active = (pipelines.data ?? []).filter((p) => !p.archived);
  return (
    <div className="filter-bar" role="group" aria-label={t('dashboard.filters')}>
      <label>
        {t('dashboard.period.label')}
        <select
          value={state.kind}
          onChange={(event) => state.setKind(event.target.value as PeriodKind)}
        >
          <option value="month">{t('dashboard.period.month')}</option>
          <option value="quarter">{t('dashboard.period.quarter')}</option>
          <option value="year">{t('dashboard.period.year')}</option>
          <option value="custom">{t('dashboard.period.custom')}</option>
        </select>
      </label>
      {state.kind === 'custom' && (
        <>
          <label>
            {t('dashboard.period.first')}
            <input
              type="date"
              value={state.first}
              max={state.last || today}
              onChange={(event) => state.setFirst(event.target.value)}
            />
          </label>
          <label>
            {t('dashboard.period.last')}
            <input
              type="date"
              value={state.last}
              min={state.first}
              onChange={(event) => state.setLast(event.target.value)}
            />
          </label>
        </>
      )}
      {active.length > 0 && (
        <label>
          {t('dashboard.pipeline')}
          <select
            value={state.filters.pipelineId}
            onChange={(event) => state.setPipelineId(event.target.value)}
          >
            {active.map((p) => (
              <option key={p.id} value={p.isDefault ? '' : p.id}>
                {localName(p, i18n.language)}
              </option>
            ))}
          </select>
        </label>
      )}
      <OwnerSelect
        label={t('filters.owner')}
        emptyLabel={t('filters.everyone')}
        value={state.filters.ownerId}
        onChange={(event) => state.setOwnerId(event.target.value)}
      />
    </div>
  );
}
