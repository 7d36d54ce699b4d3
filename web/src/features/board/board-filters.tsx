import { useTranslation } from 'react-i18next';
import { useProducts } from '../../api/products';
import { useTeams } from '../../api/teams';
import { useDebounced, useSearchParam } from '../../search-param';
import { FilterBar, SearchField } from '../../shared/filter-bar';
import { OwnerSelect } from '../../shared/owner-select';
import { CustomFieldFilter, useCustomFieldFilter } from '../custom-fields/custom-field-filter';

/** The board's filters, kept in the address (?owner=&team=&source=&product=&q=). */
export function useBoardFilters() {
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const [teamId, setTeamId] = useSearchParam('team');
  const [source, setSource] = useSearchParam('source');
  const [productId, setProductId] = useSearchParam('product');
  const [q, setQ] = useSearchParam('q');
  const [pipelineId, setPipelineId] = useSearchParam('pipeline');
  const settledQ = useDebounced(q.trim());
  const settledSource = useDebounced(source.trim());
  const customField = useCustomFieldFilter('deal');
  return {
    customField,
    pipelineId,
    setPipelineId,
    ownerId,
    teamId,
    source,
    productId,
    q,
    settledQ,
    settledSource,
    setOwnerId,
    setTeamId,
    setSource,
    setProductId,
    setQ,
  };
}

type BoardFilterState = ReturnType<typeof useBoardFilters>;

export function BoardFilterBar({ state }: { state: BoardFilterState }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const products = useProducts();
  return (
    <FilterBar
      label={t('dashboard.filters')}
      isFiltered={Boolean(
        state.q ||
          state.ownerId ||
          state.teamId ||
          state.source ||
          state.productId ||
          state.customField.key,
      )}
      onClear={() => {
        state.setQ('');
        state.setOwnerId('');
        state.setTeamId('');
        state.setSource('');
        state.setProductId('');
        state.customField.clear();
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
      <label>
        {t('filters.team')}
        <select value={state.teamId} onChange={(event) => state.setTeamId(event.target.value)}>
          <option value="">{t('filters.everyTeam')}</option>
          {(teams.data ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.source')}
        <input
          value={state.source}
          onChange={(event) => state.setSource(event.target.value)}
          placeholder={t('filters.sourcePlaceholder')}
        />
      </label>
      {(products.data ?? []).length > 0 && (
        <label>
          {t('filters.product')}
          <select
            value={state.productId}
            onChange={(event) => state.setProductId(event.target.value)}
          >
            <option value="">{t('filters.everyProduct')}</option>
            {(products.data ?? []).map((product) => (
              <option key={product.id} value={product.id}>
                {product.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <CustomFieldFilter state={state.customField} />
    </FilterBar>
  );
}
