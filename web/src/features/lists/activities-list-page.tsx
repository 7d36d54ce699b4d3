import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity } from '../../api/models';
import { formatDate } from '../../format';
import { useDebounced, useSearchParam } from '../../search-param';
import { FilterBar, SearchField } from '../../shared/filter-bar';
import { OwnerSelect } from '../../shared/owner-select';
import { useMembers } from '../../workspace';
import { type ListParams, useListPages, useRecordNames } from './list-api';
import { ListPage, rowsOf, useListSort } from './list-page';

const SORTS = ['dueAt'] as const;

function kindLabel(kind: Activity['kind'], t: (key: string) => string): string {
  switch (kind) {
    case 'call':
      return t('lists.activities.kind_call');
    case 'email':
      return t('lists.activities.kind_email');
    case 'meeting':
      return t('lists.activities.kind_meeting');
    case 'task':
      return t('lists.activities.kind_task');
    case 'note':
      return t('lists.activities.kind_note');
  }
}

/**
 * Activities, soonest due first (undated last), searchable by subject or note, by owner and done
 * or not; each opens its deal.
 */
export default function ActivitiesListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const members = useMembers();
  const [q, setQ] = useSearchParam('q');
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const [isDone, setDone] = useSearchParam('done');
  const [dealId, setDealId] = useSearchParam('deal');
  const settledQ = useDebounced(q.trim());
  // The API orders activities by due date only; the direction is the one choice.
  const sort = useListSort(SORTS, 'dueAt', 'asc');
  const params: ListParams = {
    q: settledQ,
    ownerId,
    dealId,
    isDone: isDone === 'true' || isDone === 'false' ? isDone : undefined,
    direction: sort.direction,
  };
  const list = useListPages('activities', params);
  const dealTitles = useRecordNames('deals', [
    ...rowsOf(list).map((row) => row.dealId),
    dealId || null,
  ]);
  const memberName = (id: string | null) =>
    id === null ? '—' : (members.data?.find((m) => m.id === id)?.name ?? '');
  const filters = (
    <FilterBar
      label={t('lists.filters')}
      isFiltered={Boolean(q || ownerId || isDone || dealId)}
      onClear={() => {
        setQ('');
        setOwnerId('');
        setDone('');
        setDealId('');
      }}
    >
      <SearchField
        label={t('lists.activities.search')}
        placeholder={t('lists.activities.searchPlaceholder')}
        value={q}
        onChange={setQ}
      />
      <OwnerSelect
        label={t('filters.owner')}
        emptyLabel={t('filters.everyone')}
        value={ownerId}
        onChange={(e) => setOwnerId(e.target.value)}
      />
      <label>
        {t('lists.activities.state')}
        <select value={isDone} onChange={(e) => setDone(e.target.value)}>
          <option value="">{t('lists.any')}</option>
          <option value="false">{t('lists.activities.open')}</option>
          <option value="true">{t('lists.activities.done')}</option>
        </select>
      </label>
      {dealId && (
        <p className="hint">
          {t('lists.activities.ofDeal', { deal: dealTitles.get(dealId) ?? '…' })}
        </p>
      )}
    </FilterBar>
  );
  return (
    <ListPage
      resource="activities"
      title={t('lists.activities.title')}
      params={params}
      list={list}
      sort={sort}
      filters={filters}
      columns={[
        {
          key: 'subject',
          header: t('lists.activities.subject'),
          isRowHeader: true,
          cell: (row) => row.subject,
        },
        { key: 'kind', header: t('lists.activities.kind'), cell: (row) => kindLabel(row.kind, t) },
        {
          key: 'due',
          header: t('lists.activities.due'),
          sort: { field: 'dueAt' },
          cell: (row) => (row.dueAt ? formatDate(row.dueAt, language) : '—'),
        },
        {
          key: 'state',
          header: t('lists.activities.state'),
          cell: (row) => (row.isDone ? t('lists.activities.done') : t('lists.activities.open')),
        },
        { key: 'owner', header: t('deal.owner'), cell: (row) => memberName(row.ownerId) },
        {
          key: 'deal',
          header: t('lists.activities.deal'),
          cell: (row) =>
            row.dealId ? (
              <Link to={`/deals/${row.dealId}`}>{dealTitles.get(row.dealId) ?? '…'}</Link>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
