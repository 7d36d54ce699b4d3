import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDebounced, useSearchParam } from '../../search-param';
import { DuplicatesPanel } from '../records/duplicates-panel';
import { NewRecordButton } from '../records/new-record-button';
import { useCustomFieldColumns } from '../custom-fields/custom-field-columns';
import { CustomFieldFilter, useCustomFieldFilter } from '../custom-fields/custom-field-filter';
import { FilterBar, SearchField } from '../../shared/filter-bar';
import { OwnerSelect } from '../../shared/owner-select';
import { useMembers } from '../../workspace';
import { type ListParams, useListPages } from './list-api';
import { ListPage, useListSort, whenColumn } from './list-page';

const SORTS = ['name', 'createdAt', 'updatedAt'] as const;

/** Every company, searchable by name or domain; a name opens the company's deals. */
export default function CompaniesListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const members = useMembers();
  const [q, setQ] = useSearchParam('q');
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const settledQ = useDebounced(q.trim());
  const customColumns = useCustomFieldColumns('company');
  const customFilter = useCustomFieldFilter('company');
  const sort = useListSort([...SORTS, ...customColumns.sorts], 'name', 'asc');
  const params: ListParams = {
    q: settledQ,
    ownerId,
    ...customFilter.params,
    sort: sort.sort,
    direction: sort.direction,
  };
  const list = useListPages('companies', params);
  const memberName = (id: string | null) =>
    id === null ? '—' : (members.data?.find((m) => m.id === id)?.name ?? '');
  const filters = (
    <FilterBar
      label={t('lists.filters')}
      isFiltered={Boolean(q || ownerId || customFilter.key)}
      onClear={() => {
        customFilter.clear();
        setQ('');
        setOwnerId('');
      }}
    >
      <SearchField
        label={t('lists.companies.search')}
        placeholder={t('lists.companies.searchPlaceholder')}
        value={q}
        onChange={setQ}
      />
      <OwnerSelect
        label={t('filters.owner')}
        emptyLabel={t('filters.everyone')}
        value={ownerId}
        onChange={(e) => setOwnerId(e.target.value)}
      />
      <CustomFieldFilter state={customFilter} />
    </FilterBar>
  );
  return (
    <ListPage
      actions={<NewRecordButton kind="company" />}
      resource="companies"
      title={t('lists.companies.title')}
      params={params}
      list={list}
      sort={sort}
      filters={filters}
      columns={[
        {
          key: 'name',
          header: t('lists.companies.name'),
          sort: { field: 'name' },
          isRowHeader: true,
          cell: (row) => <Link to={`/companies/${encodeURIComponent(row.id)}`}>{row.name}</Link>,
        },
        {
          key: 'domain',
          header: t('lists.companies.domain'),
          dir: 'ltr',
          cell: (row) => row.domain ?? '—',
        },
        { key: 'sector', header: t('lists.companies.sector'), cell: (row) => row.sector ?? '—' },
        { key: 'size', header: t('lists.companies.size'), cell: (row) => row.size ?? '—' },
        { key: 'country', header: t('lists.companies.country'), cell: (row) => row.country ?? '—' },
        { key: 'owner', header: t('deal.owner'), cell: (row) => memberName(row.ownerId) },
        ...customColumns.columns,
        whenColumn('createdAt', t, language),
        whenColumn('updatedAt', t, language),
      ]}
    >
      <DuplicatesPanel kind="company" />
    </ListPage>
  );
}
