/** The people on a deal and the part each plays: added, removed, marked decision maker. */
import { useQueries } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Deal, DealChange } from '../../api/models';
import { contactQuery } from '../../api/records';
import { ErrorText, fieldText, messageOf } from '../../shared/api-form';
import { ContactPicker } from '../../shared/record-pickers';
import { CONTACT_ROLES, roleKey } from '../records/contact-roles';

type Link_ = Deal['contacts'][number];

export function DealContacts({
  deal,
  canEdit,
  change,
}: {
  deal: Deal;
  canEdit: boolean;
  change: (body: DealChange) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [isAdding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = useQueries({ queries: deal.contacts.map((c) => contactQuery(c.contactId)) });
  const nameOf = (contactId: string) =>
    people.find((p) => p.data?.id === contactId)?.data?.name ?? '…';
  const send = async (contacts: Link_[]) => {
    setError(null);
    try {
      await change({ contacts });
      return true;
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
      return false;
    }
  };
  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const contactId = fieldText(form, 'contactId');
    const role = fieldText(form, 'role') || null;
    const others = deal.contacts.filter((c) => c.contactId !== contactId);
    if (await send([...others, { contactId, role }])) setAdding(false);
  };
  const withRole = (contactId: string, role: string | null) =>
    deal.contacts.map((c) => (c.contactId === contactId ? { ...c, role } : c));
  return (
    <section className="panel" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('record.contacts')}</h2>
      {deal.contacts.length === 0 && <p className="hint">{t('record.noContacts')}</p>}
      <ul className="record-list">
        {deal.contacts.map((link) => {
          const name = nameOf(link.contactId);
          const key = roleKey(link.role);
          return (
            <li key={link.contactId}>
              <Link to={`/contacts/${link.contactId}`}>{name}</Link>
              {link.role && <span className="badge">{key ? t(key) : link.role}</span>}
              {canEdit && (
                <span className="row-actions">
                  {link.role !== 'decision_maker' && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void send(withRole(link.contactId, 'decision_maker'))}
                    >
                      {t('record.markDecisionMaker', { name })}
                    </button>
                  )}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      void send(deal.contacts.filter((c) => c.contactId !== link.contactId))
                    }
                  >
                    {t('record.removeContact', { name })}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorText message={error} />
      {canEdit &&
        (isAdding ? (
          <form className="inline-form" onSubmit={(e) => void add(e)}>
            <label htmlFor={`${formId}-contact`}>{t('record.contact')}</label>
            <ContactPicker id={`${formId}-contact`} name="contactId" companyId={deal.companyId} />
            <label>
              {t('record.role')}
              <select name="role" defaultValue="">
                <option value="">—</option>
                {CONTACT_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(roleKey(role) ?? role)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('record.addContact')}</button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('record.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            {t('record.addContact')}
          </button>
        ))}
    </section>
  );
}
