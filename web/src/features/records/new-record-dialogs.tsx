/** New companies and contacts, made from a list, a record page or another dialog. */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company, Contact } from '../../api/models';
import { useCreateCompany, useCreateContact } from '../../api/records';
import { Modal } from '../../modal';
import { errorsOf, Field, FormError, fieldText } from '../../shared/api-form';

/** A field left empty is not sent. */
function textOrNothing(form: FormData, name: string): string | undefined {
  return fieldText(form, name).trim() || undefined;
}

export function NewCompanyDialog({
  initialName = '',
  onClose,
  onCreated,
}: {
  initialName?: string;
  onClose: () => void;
  onCreated: (company: Company) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCompany();
  const form = { errors: errorsFrom(create.error, t) };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const data = new FormData(event.currentTarget);
    const domain = textOrNothing(data, 'domain');
    const country = textOrNothing(data, 'country');
    const sector = textOrNothing(data, 'sector');
    try {
      const company = await create.mutateAsync({
        name: fieldText(data, 'name'),
        ...(domain ? { domain } : {}),
        ...(country ? { country } : {}),
        ...(sector ? { sector } : {}),
      });
      onCreated(company);
    } catch {
      // Shown by the form's errors.
    }
  };
  return (
    <Modal title={t('records.newCompany')} onClose={onClose}>
      <form
        onSubmit={(e) => void submit(e)}
        className="dialog-form"
        aria-label={t('records.newCompany')}
      >
        <Field label={t('records.company.name')} name="name" form={form}>
          {(props) => <input {...props} required defaultValue={initialName} />}
        </Field>
        <Field label={t('records.company.domain')} name="domain" form={form}>
          {(props) => <input {...props} placeholder="example.com" dir="ltr" />}
        </Field>
        <Field label={t('records.company.sector')} name="sector" form={form}>
          {(props) => <input {...props} />}
        </Field>
        <Field label={t('records.company.country')} name="country" form={form}>
          {(props) => (
            <input {...props} className="narrow" maxLength={2} placeholder="SA" dir="ltr" />
          )}
        </Field>
        <FormError form={form} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('record.cancel')}
          </button>
          <button type="submit" disabled={create.isPending}>
            {t('records.createCompany')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function NewContactDialog({
  companyId,
  initialName = '',
  onClose,
  onCreated,
}: {
  companyId?: string | null;
  initialName?: string;
  onClose: () => void;
  onCreated: (contact: Contact) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateContact();
  const form = { errors: errorsFrom(create.error, t) };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const data = new FormData(event.currentTarget);
    const email = textOrNothing(data, 'email');
    const phone = textOrNothing(data, 'phone');
    const jobTitle = textOrNothing(data, 'jobTitle');
    try {
      const contact = await create.mutateAsync({
        name: fieldText(data, 'name'),
        ...(companyId ? { companyId } : {}),
        ...(jobTitle ? { jobTitle } : {}),
        ...(email ? { emails: [{ value: email }] } : {}),
        ...(phone ? { phones: [{ value: phone }] } : {}),
      });
      onCreated(contact);
    } catch {
      // Shown by the form's errors.
    }
  };
  return (
    <Modal title={t('records.newContact')} onClose={onClose}>
      <form
        onSubmit={(e) => void submit(e)}
        className="dialog-form"
        aria-label={t('records.newContact')}
      >
        <Field label={t('records.contact.name')} name="name" form={form}>
          {(props) => <input {...props} required defaultValue={initialName} />}
        </Field>
        <Field label={t('records.contact.jobTitle')} name="jobTitle" form={form}>
          {(props) => <input {...props} />}
        </Field>
        <Field label={t('records.contact.email')} name="emails" form={form}>
          {(props) => <input {...props} name="email" type="email" dir="ltr" />}
        </Field>
        <Field label={t('records.contact.phone')} name="phones" form={form}>
          {(props) => <input {...props} name="phone" type="tel" dir="ltr" />}
        </Field>
        <FormError form={form} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('record.cancel')}
          </button>
          <button type="submit" disabled={create.isPending}>
            {t('records.createContact')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function errorsFrom(error: unknown, t: (key: string) => string) {
  return errorsOf(error, { generic: t('errors.generic') });
}
