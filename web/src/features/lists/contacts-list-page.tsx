import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../../api/models';
import { useDebounced, useSearchParam } from '../../search-param';
import { DuplicatesPanel } from '../records/duplicates-panel';
import { NewRecordButton } from '../records/new-record-button';
import { useCustomFieldColumns } from '../custom-fields/custom-field-columns';
import { CustomFieldFilter, useCustomFieldFilter } from '../custom-fields/custom-field-filter';
import { FilterBar, SearchField } from '../../shared/filter-bar';
import { type ListParams, useListPages, useRecordNames } from './list-api';
import { ListPage, rowsOf, useListSort, whenColumn } from './list-page';

const SORTS = ['name', 'createdAt', 'updatedAt'] as const;

function roleLabel(role: Contact['role'], t: (key: string) => string): string {
  switch (role) {
    case 'decision_maker':
      return t('lists.contacts.roleNames.decisionMaker');
    case 'influencer':
      return t('lists.contacts.roleNames.influencer');
    case 'champion':
      return t('lists.contacts.roleNames.champion');
    case 'user':
      return t('lists.contacts.roleNames.user');
    case 'other':
      return t('lists.contacts.roleNames.other');
  }
}

/** A contact's emails or phones, each a link (mailto: or tel:). */
function Channels({ channels, scheme }: { channels: Contact['emails']; scheme: string }) {
  return channels.map((channel) => (
    <a key={channel.normalized} href={`${scheme}:${channel.normalized}`}>
      {channel.value}{' '}
    </a>
  ));
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
  const customColumns = useCustomFieldColumns('contact');
  const customFilter = useCustomFieldFilter('contact');
  const sort = useListSort([...SORTS, ...customColumns.sorts], 'name', 'asc');
  const params: ListParams = {
    q: settledQ,
    email: settledEmail,
    companyId,
    ...customFilter.params,
    sort: sort.sort,
    direction: sort.direction,
  };
  const list = useListPages('contacts', params);
  const companyNames = useRecordNames('companies', [
    ...rowsOf(list).map((row) => row.companyId),
    companyId || null,
  ]);
  const filters = (
    <FilterBar
      label={t('lists.filters')}
      isFiltered={Boolean(q || email || companyId || customFilter.key)}
      onClear={() => {
        customFilter.clear();
        setQ('');
        setEmail('');
        setCompanyId('');
      }}
    >
      <SearchField
        label={t('lists.contacts.search')}
        placeholder={t('lists.contacts.searchPlaceholder')}
        value={q}
        onChange={setQ}
      />
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
      <CustomFieldFilter state={customFilter} />
    </FilterBar>
  );
  return (
    <ListPage
      actions={<NewRecordButton kind="contact" />}
      resource="contacts"
      title={t('lists.contacts.title')}
      params={params}
      list={list}
      sort={sort}
      filters={filters}
      columns={[
        {
          key: 'name',
          header: t('lists.contacts.name'),
          sort: { field: 'name' },
          isRowHeader: true,
          cell: (row) => <Link to={`/contacts/${encodeURIComponent(row.id)}`}>{row.name}</Link>,
        },
        {
          key: 'jobTitle',
          header: t('lists.contacts.jobTitle'),
          cell: (row) => row.jobTitle ?? '—',
        },
        { key: 'role', header: t('lists.contacts.role'), cell: (row) => roleLabel(row.role, t) },
        {
          key: 'company',
          header: t('deal.company'),
          cell: (row) =>
            row.companyId ? (
              <Link to={`/companies/${encodeURIComponent(row.companyId)}`}>
                {companyNames.get(row.companyId) ?? '…'}
              </Link>
            ) : (
              '—'
            ),
        },
        {
          key: 'emails',
          header: t('lists.contacts.emails'),
          dir: 'ltr',
          cell: (row) => <Channels channels={row.emails} scheme="mailto" />,
        },
        {
          key: 'phones',
          header: t('lists.contacts.phones'),
          dir: 'ltr',
          cell: (row) => <Channels channels={row.phones} scheme="tel" />,
        },
        ...customColumns.columns,
        whenColumn('createdAt', t, language),
        whenColumn('updatedAt', t, language),
      ]}
    >
      <DuplicatesPanel kind="contact" />
    </ListPage>
  );
}
