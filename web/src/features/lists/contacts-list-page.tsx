import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import { useDebounced, useSearchParam } from '../../search-param';
import type { Contact } from '../../types';
import { type ListParams, useListPages, useRecordNames } from './list-api';
import {
  ExportLinks,
  ListHeading,
  LoadMore,
  SortHeader,
  TableScroller,
  useListSort,
} from './list-parts';

const SORTS = ['name', 'createdAt', 'updatedAt'] as const;
const ROLES = ['decision_maker', 'influencer', 'champion', 'user', 'other'] as const;

function roleLabel(role: string, t: (key: string) => string): string {
  switch (role) {
    case 'decision_maker':
      return t('lists.contacts.roleNames.decisionMaker');
    case 'influencer':
      return t('lists.contacts.roleNames.influencer');
    case 'champion':
      return t('lists.contacts.roleNames.champion');
    case 'user':
      return t('lists.contacts.roleNames.user');
    default:
      return t('lists.contacts.roleNames.other');
  }
}

/** Every contact, searchable by name, job title or email; a name opens the contact's deals. */
export default function ContactsListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [q, setQ] = useSearchParam('q');
  const [email, setEmail] = useSearchParam('email');
  const [companyId, setCompanyId] = useSearchParam('company');
  const settledQ = useDebounced(q.trim());
  const settledEmail = useDebounced(email.trim());
  const sort = useListSort(SORTS, 'name', 'asc');
  const params: ListParams = {
    q: settledQ,
    email: settledEmail,
    companyId,
    sort: sort.sort,
    direction: sort.direction,
  };
  const list = useListPages<Contact>('contacts', params);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const companyNames = useRecordNames('companies', [
    ...rows.map((row) => row.companyId),
    companyId || null,
  ]);
  return (
    <div className="list-page">
      <ListHeading
        title={t('lists.contacts.title')}
        actions={<ExportLinks resource="contacts" params={params} />}
      />
      <div className="filter-bar" role="search" aria-label={t('lists.filters')}>
        <label>
          {t('lists.contacts.search')}
          <input
            type="search"
            value={q}
            placeholder={t('lists.contacts.searchPlaceholder')}
            maxLength={200}
            onChange={(event) => setQ(event.target.value)}
          />
        </label>
        <label>
          {t('lists.contacts.email')}
          <input
            type="email"
            dir="ltr"
            value={email}
            maxLength={320}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        {companyId && (
          <p className="hint">
            {t('lists.contacts.atCompany', { name: companyNames.get(companyId) ?? '…' })}
          </p>
        )}
        {(q || email || companyId) && (
          <button
            type="button"
            onClick={() => {
              setQ('');
              setEmail('');
              setCompanyId('');
            }}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
      {list.isError && <p role="alert">{t('errors.generic')}</p>}
      <TableScroller label={t('lists.contacts.title')}>
        <table className="list-table">
          <caption className="visually-hidden">{t('lists.contacts.title')}</caption>
          <thead>
            <tr>
              <SortHeader field="name" state={sort}>
                {t('lists.contacts.name')}
              </SortHeader>
              <th scope="col">{t('lists.contacts.jobTitle')}</th>
              <th scope="col">{t('lists.contacts.role')}</th>
              <th scope="col">{t('deal.company')}</th>
              <th scope="col">{t('lists.contacts.emails')}</th>
              <th scope="col">{t('lists.contacts.phones')}</th>
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
                    to={`/deals?contact=${encodeURIComponent(row.id)}`}
                    title={t('lists.contacts.dealsOf', { name: row.name })}
                  >
                    {row.name}
                  </Link>
                </th>
                <td>{row.jobTitle ?? '—'}</td>
                <td>{ROLES.includes(row.role as never) ? roleLabel(row.role, t) : row.role}</td>
                <td>
                  {row.companyId ? (
                    <Link to={`/contacts?company=${encodeURIComponent(row.companyId)}`}>
                      {companyNames.get(row.companyId) ?? '…'}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td dir="ltr">
                  {row.emails.map((channel) => (
                    <a key={channel.normalized} href={`mailto:${channel.normalized}`}>
                      {channel.value}{' '}
                    </a>
                  ))}
                </td>
                <td dir="ltr">
                  {row.phones.map((channel) => (
                    <a key={channel.normalized} href={`tel:${channel.normalized}`}>
                      {channel.value}{' '}
                    </a>
                  ))}
                </td>
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
