import { useTranslation } from 'react-i18next';
import { localName, usePipelineDetails } from '../../pipelines';
import { useDebounced, useSearchParam } from '../../search-param';
import { useMembers } from '../../workspace';
import { useRecordNames } from './list-api';

const STATUSES = ['open', 'won', 'lost'] as const;

/** The deal list's filters, kept in the address (?status=&owner=&stage=&company=&contact=&q=). */
export function useDealFilters() {
  const [status, setStatus] = useSearchParam('status');
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const [stageId, setStageId] = useSearchParam('stage');
  const [companyId, setCompanyId] = useSearchParam('company');
  const [contactId, setContactId] = useSearchParam('contact');
  const [q, setQ] = useSearchParam('q');
  const settledQ = useDebounced(q.trim());
  const clear = () => {
    for (const set of [setStatus, setOwnerId, setStageId, setCompanyId, setContactId, setQ])
      set('');
  };
  return {
    status,
    ownerId,
    stageId,
    companyId,
    contactId,
    q,
    settledQ,
    setStatus,
    setOwnerId,
    setStageId,
    setQ,
    clear,
  };
}

type DealFilterState = ReturnType<typeof useDealFilters>;

export function DealFilterBar({ state }: { state: DealFilterState }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const members = useMembers();
  const pipelines = usePipelineDetails();
  const companyName = useRecordNames('companies', [state.companyId || null]).get(state.companyId);
  const contactName = useRecordNames('contacts', [state.contactId || null]).get(state.contactId);
  const isFiltered = Boolean(
    state.status || state.ownerId || state.stageId || state.companyId || state.contactId || state.q,
  );
  return (
    <div className="filter-bar" role="search" aria-label={t('lists.filters')}>
      <label>
        {t('filters.search')}
        <input
          type="search"
          value={state.q}
          placeholder={t('filters.searchPlaceholder')}
          maxLength={200}
          onChange={(event) => state.setQ(event.target.value)}
        />
      </label>
      <label>
        {t('deal.status')}
        <select value={state.status} onChange={(e) => state.setStatus(e.target.value)}>
          <option value="">{t('lists.any')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`deal.status_${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.owner')}
        <select value={state.ownerId} onChange={(e) => state.setOwnerId(e.target.value)}>
          <option value="">{t('filters.everyone')}</option>
          {(members.data ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('deal.stage')}
        <select value={state.stageId} onChange={(e) => state.setStageId(e.target.value)}>
          <option value="">{t('lists.any')}</option>
          {(pipelines.data ?? []).map((pipeline) => (
            <optgroup key={pipeline.id} label={localName(pipeline, language)}>
              {pipeline.stages
                .filter((stage) => !stage.archived)
                .map((stage) => (
                  <option key={stage.id} value={stage.id}>
                    {localName(stage, language)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {state.companyId && (
        <p className="hint">{t('lists.companies.dealsOf', { name: companyName ?? '…' })}</p>
      )}
      {state.contactId && (
        <p className="hint">{t('lists.contacts.dealsOf', { name: contactName ?? '…' })}</p>
      )}
      {isFiltered && (
        <button type="button" onClick={state.clear}>
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}
