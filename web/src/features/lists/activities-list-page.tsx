import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import { useSearchParam } from '../../search-param';
import type { Activity } from '../../types';
import { useMembers } from '../../workspace';
import { type ListParams, useListPages, useRecordNames } from './list-api';
import {
  ExportLinks,
  ListHeading,
  LoadMore,
  SortHeader,
  TableScroller,
  useListSort,
} from './list-parts';

const SORTS = ['dueAt'] as const;

function kindLabel(kind: string, t: (key: string) => string): string {
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
    default:
      return kind;
  }
}

/** Activities, soonest due first (undated last), by owner and done or not; each opens its deal. */
export default function ActivitiesListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const members = useMembers();
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const [isDone, setDone] = useSearchParam('done');
  const [dealId, setDealId] = useSearchParam('deal');
  // The API orders activities by due date only; the direction is the one choice.
  const sort = useListSort(SORTS, 'dueAt', 'asc');
  const params: ListParams = {
    ownerId,
    dealId,
    isDone: isDone === 'true' || isDone === 'false' ? isDone : undefined,
    direction: sort.direction,
  };
  const list = useListPages<Activity>('activities', params);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const dealTitles = useRecordNames('deals', [...rows.map((row) => row.dealId), dealId || null]);
  const memberName = (id: string | null) =>
    id === null ? '—' : (members.data?.find((m) => m.id === id)?.name ?? '');
  return (
    <div className="list-page">
      <ListHeading
        title={t('lists.activities.title')}
        actions={<ExportLinks resource="activities" params={params} />}
      />
      <div className="filter-bar" role="search" aria-label={t('lists.filters')}>
        <label>
          {t('filters.owner')}
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">{t('filters.everyone')}</option>
            {(members.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
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
        {(ownerId || isDone || dealId) && (
          <button
            type="button"
            onClick={() => {
              setOwnerId('');
              setDone('');
              setDealId('');
            }}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
      {list.isError && <p role="alert">{t('errors.generic')}</p>}
      <TableScroller label={t('lists.activities.title')}>
        <table className="list-table">
          <caption className="visually-hidden">{t('lists.activities.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lists.activities.subject')}</th>
              <th scope="col">{t('lists.activities.kind')}</th>
              <SortHeader field="dueAt" state={sort}>
                {t('lists.activities.due')}
              </SortHeader>
              <th scope="col">{t('lists.activities.state')}</th>
              <th scope="col">{t('deal.owner')}</th>
              <th scope="col">{t('lists.activities.deal')}</th>
            </tr>
          </thead>
          <tbody>
            {list.isSuccess && rows.length === 0 && (
              <tr>
                <td colSpan={6}>{t('lists.none')}</td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.subject}</th>
                <td>{kindLabel(row.kind, t)}</td>
                <td>{row.dueAt ? formatDate(row.dueAt, language) : '—'}</td>
                <td>{row.isDone ? t('lists.activities.done') : t('lists.activities.open')}</td>
                <td>{memberName(row.ownerId)}</td>
                <td>
                  {row.dealId ? (
                    <Link to={`/deals/${row.dealId}`}>{dealTitles.get(row.dealId) ?? '…'}</Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <LoadMore
        shown={rows.length}
        hasMore={list.hasNextPage}
        isLoading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </div>
  );
}
