import { useTranslation } from 'react-i18next';
import { localName, usePipelineDetails } from '../../pipelines';
import { useDebounced, useSearchParam } from '../../search-param';
import { FilterBar, SearchField } from '../../shared/filter-bar';
import { OwnerSelect } from '../../shared/owner-select';
import { CustomFieldFilter, useCustomFieldFilter } from '../custom-fields/custom-field-filter';
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
  const customField = useCustomFieldFilter('deal');
  const clear = () => {
    for (const set of [setStatus, setOwnerId, setStageId, setCompanyId, setContactId, setQ])
      set('');
    customField.clear();
  };
  return {
    status,
    ownerId,
    stageId,
    companyId,
    contactId,
    q,
    settledQ,
    customField,
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
  const pipelines = usePipelineDetails();
  const companyName = useRecordNames('companies', [state.companyId || null]).get(state.companyId);
  const contactName = useRecordNames('contacts', [state.contactId || null]).get(state.contactId);
  const isFiltered = Boolean(
    state.status ||
      state.ownerId ||
      state.stageId ||
      state.companyId ||
      state.contactId ||
      state.q ||
      state.customField.key,
  );
  return (
    <FilterBar label={t('lists.filters')} isFiltered={isFiltered} onClear={state.clear}>
      <SearchField
        label={t('filters.search')}
        placeholder={t('filters.searchPlaceholder')}
        value={state.q}
        onChange={state.setQ}
      />
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
      <OwnerSelect
        label={t('filters.owner')}
        emptyLabel={t('filters.everyone')}
        value={state.ownerId}
        onChange={(e) => state.setOwnerId(e.target.value)}
      />
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
      <CustomFieldFilter state={state.customField} />
      {state.companyId && (
        <p className="hint">{t('lists.companies.dealsOf', { name: companyName ?? '…' })}</p>
      )}
      {state.contactId && (
        <p className="hint">{t('lists.contacts.dealsOf', { name: contactName ?? '…' })}</p>
      )}
    </FilterBar>
  );
}
