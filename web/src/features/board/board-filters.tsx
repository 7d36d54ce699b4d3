import { useTranslation } from 'react-i18next';
import { useDebounced, useSearchParam } from '../../search-param';
import { useMembers } from '../../workspace';

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
  const members = useMembers();
  return (
    <div className="filter-bar" role="search" aria-label={t('dashboard.filters')}>
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
        {t('filters.owner')}
        <select value={state.ownerId} onChange={(event) => state.setOwnerId(event.target.value)}>
          <option value="">{t('filters.everyone')}</option>
          {(members.data ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {(state.q || state.ownerId) && (
        <button
          type="button"
          onClick={() => {
            state.setQ('');
            state.setOwnerId('');
          }}
        >
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}
