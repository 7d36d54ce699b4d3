import { useTranslation } from 'react-i18next';
import { useDebounced, useSearchParam } from '../../search-param';
import { FilterBar, SearchField } from '../../shared/filter-bar';
import { OwnerSelect } from '../../shared/owner-select';

/** The board's owner and text filters, kept in the address (?owner=&q=). */
export function useBoardFilters() {
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const [q, setQ] = useSearchParam('q');
  const settledQ = useDebounced(q.trim());
  return { ownerId, q, settledQ, setOwnerId, setQ };
}

type BoardFilterState = ReturnType<typeof useBoardFilters>;

export function BoardFilterBar({ state }: { state: BoardFilterState }) {
  const { t } = useTranslation();
  return (
    <FilterBar
      label={t('dashboard.filters')}
      isFiltered={Boolean(state.q || state.ownerId)}
      onClear={() => {
        state.setQ('');
        state.setOwnerId('');
      }}
    >
      <SearchField
        label={t('filters.search')}
        placeholder={t('filters.searchPlaceholder')}
        value={state.q}
        onChange={state.setQ}
      />
      <OwnerSelect
        label={t('filters.owner')}
        emptyLabel={t('filters.everyone')}
        value={state.ownerId}
        onChange={(event) => state.setOwnerId(event.target.value)}
      />
    </FilterBar>
  );
}
