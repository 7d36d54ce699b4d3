import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import { useDebounced, useSearchParam } from '../../search-param';
import type { Company } from '../../types';
import { useMembers } from '../../workspace';
import { type ListParams, useListPages } from './list-api';
import {
  ExportLinks,
  ListHeading,
  LoadMore,
  SortHeader,
  TableScroller,
  useListSort,
} from './list-parts';

const SORTS = ['name', 'createdAt', 'updatedAt'] as const;

/** Every company, searchable by name or domain; a name opens the company's deals. */
export default function CompaniesListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const members = useMembers();
  const [q, setQ] = useSearchParam('q');
  const [ownerId, setOwnerId] = useSearchParam('owner');
  const settledQ = useDebounced(q.trim());
  const sort = useListSort(SORTS, 'name', 'asc');
  const params: ListParams = { q: settledQ, ownerId, sort: sort.sort, direction: sort.direction };
  const list = useListPages<Company>('companies', params);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const memberName = (id: string | null) =>
    id === null ? '—' : (members.data?.find((m) => m.id === id)?.name ?? '');
  return (
    <div className="list-page">
      <ListHeading
        title={t('lists.companies.title')}
        actions={<ExportLinks resource="companies" params={params} />}
      />
      <div className="filter-bar" role="search" aria-label={t('lists.filters')}>
        <label>
          {t('lists.companies.search')}
          <input
            type="search"
            value={q}
            placeholder={t('lists.companies.searchPlaceholder')}
            maxLength={200}
            onChange={(event) => setQ(event.target.value)}
          />
        </label>
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
        {(q || ownerId) && (
          <button
            type="button"
            onClick={() => {
              setQ('');
              setOwnerId('');
            }}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
      {list.isError && <p role="alert">{t('errors.generic')}</p>}
      <TableScroller label={t('lists.companies.title')}>
        <table className="list-table">
          <caption className="visually-hidden">{t('lists.companies.title')}</caption>
          <thead>
            <tr>
              <SortHeader field="name" state={sort}>
                {t('lists.companies.name')}
              </SortHeader>
              <th scope="col">{t('lists.companies.domain')}</th>
              <th scope="col">{t('lists.companies.sector')}</th>
              <th scope="col">{t('lists.companies.size')}</th>
              <th scope="col">{t('lists.companies.country')}</th>
              <th scope="col">{t('deal.owner')}</th>
              <SortHeader field="createdAt" natural="desc" state={sort}>
                {t('lists.created')}
              </SortHeader>
              <SortHeader field="updatedAt" natural="desc" state={sort}>
                {t('lists.updated')}
              </SortHeader>
            </tr>
          </thead>
          <tbody>
            {list.isSuccess && rows.length === 0 && (
              <tr>
                <td colSpan={8}>{t('lists.none')}</td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link
                    to={`/deals?company=${encodeURIComponent(row.id)}`}
                    title={t('lists.companies.dealsOf', { name: row.name })}
                  >
                    {row.name}
                  </Link>
                </th>
                <td dir="ltr">{row.domain ?? '—'}</td>
                <td>{row.sector ?? '—'}</td>
                <td>{row.size ?? '—'}</td>
                <td>{row.country ?? '—'}</td>
                <td>{memberName(row.ownerId)}</td>
                <td>{row.createdAt ? formatDate(row.createdAt, language) : '—'}</td>
                <td>{row.updatedAt ? formatDate(row.updatedAt, language) : '—'}</td>
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
