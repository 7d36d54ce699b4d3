import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Company } from '../../api/models';
import {
  type CompanyChange,
  companyQuery,
  patchCompany,
  useCompany,
  useContactsOf,
  useRefreshRecords,
} from '../../api/records';
import { fieldText } from '../../shared/api-form';
import { useVersionedSave } from '../../shared/conflict';
import { EditableField } from '../../shared/editable-field';
import { MemberOptions } from '../../shared/owner-select';
import { useActiveFields } from '../../api/custom-fields';
import { useMembers, useWorkspace } from '../../workspace';
import { CustomFieldRows } from '../custom-fields/custom-field-value';
import { IcpFitPanel } from '../icp/icp-fit-panel';
import { roleKey } from './contact-roles';
import { NewContactDialog } from './new-record-dialogs';
import { orNull, RecordPage } from './record-page';

/** A company: its fields edited in place, its deals with totals, its people and activities. */
export default function CompanyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const company = useCompany(id);
  const refresh = useRefreshRecords();
  const { save, dialog } = useVersionedSave();
  if (company.isPending) return <p className="loading">…</p>;
  if (company.isError) return <p role="alert">{t('errors.generic')}</p>;
  const c = company.data;
  const change = (body: CompanyChange) =>
    save(
      async (version) => {
        queryClient.setQueryData(
          companyQuery(c.id).queryKey,
          await patchCompany({ id: c.id, version }, body),
        );
        await refresh();
      },
      c.version,
      async () => (await queryClient.fetchQuery({ ...companyQuery(c.id), staleTime: 0 })).version,
    );
  return (
    <>
      <RecordPage
        kind="company"
        record={c}
        nameLabel={t('records.company.name')}
        rename={(name) => change({ name })}
        details={<CompanyFields company={c} change={change} />}
        side={
          <>
            <IcpFitPanel kind="company" id={c.id} />
            <CompanyContacts companyId={c.id} />
          </>
        }
      />
      {dialog}
    </>
  );
}

function CompanyFields({
  company: c,
  change,
}: {
  company: Company;
  change: (body: CompanyChange) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const customFields = useActiveFields('company');
  const workspace = useWorkspace();
  const text = (field: 'domain' | 'sector' | 'size', label: string, dir?: 'ltr') => (
    <EditableField
      label={label}
      value={c[field] ? <bdi dir={dir}>{c[field]}</bdi> : '—'}
      editor={(inputId) => (
        <input id={inputId} name={field} defaultValue={c[field] ?? ''} dir={dir} />
      )}
      onSave={(form) => change({ [field]: orNull(fieldText(form, field)) })}
    />
  );
  return (
    <>
      {text('domain', t('records.company.domain'), 'ltr')}
      {text('sector', t('records.company.sector'))}
      {text('size', t('records.company.size'))}
      <EditableField
        label={t('records.company.country')}
        value={c.country ?? '—'}
        editor={(inputId) => (
          <input
            id={inputId}
            name="country"
            className="narrow"
            maxLength={2}
            dir="ltr"
            defaultValue={c.country ?? ''}
          />
        )}
        onSave={(form) => change({ country: orNull(fieldText(form, 'country')) })}
      />
      <EditableField
        label={t('deal.owner')}
        value={members.data?.find((m) => m.id === c.ownerId)?.name ?? t('record.nobody')}
        editor={(inputId) => (
          <select id={inputId} name="ownerId" defaultValue={c.ownerId ?? ''}>
            <option value="">{t('record.nobody')}</option>
            <MemberOptions />
          </select>
        )}
        onSave={(form) => change({ ownerId: orNull(fieldText(form, 'ownerId')) })}
      />
      <CustomFieldRows
        fields={customFields}
        values={c.customFields}
        baseCurrency={workspace.data?.baseCurrency ?? 'USD'}
        change={(values) => change({ customFields: values })}
      />
    </>
  );
}

function CompanyContacts({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const contacts = useContactsOf(companyId);
  const [isCreating, setCreating] = useState(false);
  return (
    <section className="panel" aria-labelledby="company-contacts-title">
      <h2 id="company-contacts-title">{t('records.people')}</h2>
      {(contacts.data ?? []).length === 0 && <p className="hint">{t('records.noPeople')}</p>}
      <ul className="record-list">
        {(contacts.data ?? []).map((contact) => {
          const key = roleKey(contact.role);
          return (
            <li key={contact.id}>
              <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>
              {contact.jobTitle && <span>{contact.jobTitle}</span>}
              {key && <span className="badge">{t(key)}</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => setCreating(true)}>
        {t('records.newContact')}
      </button>
      {isCreating && (
        <NewContactDialog
          companyId={companyId}
          onClose={() => setCreating(false)}
          onCreated={() => setCreating(false)}
        />
      )}
    </section>
  );
}
