import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NewCompanyDialog, NewContactDialog } from './new-record-dialogs';

/** "New company" or "New contact" beside a list's title: the new record's page opens after. */
export function NewRecordButton({
  kind,
  companyId,
}: {
  kind: 'company' | 'contact';
  companyId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [isOpen, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {kind === 'company' ? t('records.newCompany') : t('records.newContact')}
      </button>
      {isOpen &&
        (kind === 'company' ? (
          <NewCompanyDialog
            onClose={close}
            onCreated={(company) => void navigate(`/companies/${company.id}`)}
          />
        ) : (
          <NewContactDialog
            companyId={companyId ?? null}
            onClose={close}
            onCreated={(contact) => void navigate(`/contacts/${contact.id}`)}
          />
        ))}
    </>
  );
}
