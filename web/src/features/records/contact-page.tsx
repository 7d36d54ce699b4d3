import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Contact } from '../../api/models';
import {
  type ContactChange,
  contactQuery,
  patchContact,
  useCompany,
  useContact,
  useRefreshRecords,
} from '../../api/records';
import { fieldText } from '../../shared/api-form';
import { useVersionedSave } from '../../shared/conflict';
import { EditableField } from '../../shared/editable-field';
import { MemberOptions } from '../../shared/owner-select';
import { CompanyPicker } from '../../shared/record-pickers';
import { useActiveFields } from '../../api/custom-fields';
import { useMembers, useWorkspace } from '../../workspace';
import { CustomFieldRows } from '../custom-fields/custom-field-value';
import { ContactLeftSection } from './contact-left';
import { CONTACT_ROLES, type ContactRole, roleKey } from './contact-roles';
import { orNull, RecordPage } from './record-page';

/** One address or number per line, as the API takes them (all of a kind are replaced). */
function channelsOf(text: string): { value: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((value) => ({ value }));
}

/** A person: fields edited in place, their company, their deals and activities. */
export default function ContactPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const contact = useContact(id);
  const refresh = useRefreshRecords();
  const { save, dialog } = useVersionedSave();
  if (contact.isPending) return <p className="loading">…</p>;
  if (contact.isError) return <p role="alert">{t('errors.generic')}</p>;
  const c = contact.data;
  const change = (body: ContactChange) =>
    save(
      async (version) => {
        queryClient.setQueryData(
          contactQuery(c.id).queryKey,
          await patchContact({ id: c.id, version }, body),
        );
        await refresh();
      },
      c.version,
      async () => (await queryClient.fetchQuery({ ...contactQuery(c.id), staleTime: 0 })).version,
    );
  return (
    <>
      <RecordPage
        kind="contact"
        record={c}
        nameLabel={t('records.contact.name')}
        rename={(name) => change({ name })}
        details={<ContactFields contact={c} change={change} />}
        side={
          <ContactLeftSection
            contact={c}
            save={(work) =>
              save(
                work,
                c.version,
                async () =>
                  (await queryClient.fetchQuery({ ...contactQuery(c.id), staleTime: 0 })).version,
              )
            }
          />
        }
      />
      {dialog}
    </>
  );
}

function ContactFields({
  contact: c,
  change,
}: {
  contact: Contact;
  change: (body: ContactChange) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const customFields = useActiveFields('contact');
  const workspace = useWorkspace();
  const company = useCompany(c.companyId);
  const roleName = roleKey(c.role);
  return (
    <>
      <EditableField
        label={t('records.contact.jobTitle')}
        value={c.jobTitle ?? '—'}
        editor={(inputId) => <input id={inputId} name="jobTitle" defaultValue={c.jobTitle ?? ''} />}
        onSave={(form) => change({ jobTitle: orNull(fieldText(form, 'jobTitle')) })}
      />
      <EditableField
        label={t('record.role')}
        value={roleName ? t(roleName) : c.role}
        editor={(inputId) => (
          <select id={inputId} name="role" defaultValue={c.role}>
            {CONTACT_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(roleKey(role) ?? role)}
              </option>
            ))}
          </select>
        )}
        onSave={(form) => change({ role: fieldText(form, 'role') as ContactRole })}
      />
      <EditableField
        label={t('deal.company')}
        value={
          c.companyId && company.data ? (
            <Link to={`/companies/${c.companyId}`}>{company.data.name}</Link>
          ) : (
            '—'
          )
        }
        editor={(inputId) => (
          <CompanyPicker id={inputId} name="companyId" initialId={c.companyId} />
        )}
        onSave={(form) => change({ companyId: orNull(fieldText(form, 'companyId')) })}
      />
      <EditableField
        label={t('records.contact.emails')}
        value={
          c.emails.length === 0 ? (
            '—'
          ) : (
            <ul className="plain-list" dir="ltr">
              {c.emails.map((email) => (
                <li key={email.normalized}>
                  <a href={`mailto:${email.value}`}>{email.value}</a>
                </li>
              ))}
            </ul>
          )
        }
        editor={(inputId) => (
          <textarea
            id={inputId}
            name="emails"
            rows={2}
            dir="ltr"
            defaultValue={c.emails.map((e) => e.value).join('\n')}
          />
        )}
        onSave={(form) => change({ emails: channelsOf(fieldText(form, 'emails')) })}
      />
      <EditableField
        label={t('records.contact.phones')}
        value={
          c.phones.length === 0 ? (
            '—'
          ) : (
            <ul className="plain-list" dir="ltr">
              {c.phones.map((phone) => (
                <li key={phone.normalized}>
                  <a href={`tel:${phone.normalized}`}>{phone.value}</a>
                </li>
              ))}
            </ul>
          )
        }
        editor={(inputId) => (
          <textarea
            id={inputId}
            name="phones"
            rows={2}
            dir="ltr"
            defaultValue={c.phones.map((p) => p.value).join('\n')}
          />
        )}
        onSave={(form) => change({ phones: channelsOf(fieldText(form, 'phones')) })}
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
