/** Whether the person is still at their company: leaving flags the deals they decide on. */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshAfterDealChange } from '../../api/deals';
import type { Contact } from '../../api/models';
import { contactQuery, setContactLeft, useRefreshRecords } from '../../api/records';
import { formatDate } from '../../format';
import { fieldText } from '../../shared/api-form';

export function ContactLeftSection({
  contact,
  save,
}: {
  contact: Contact;
  /** Runs a versioned change (a conflict opens the 409 dialog). */
  save: (work: (version: number) => Promise<void>) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshRecords();
  const titleId = useId();
  const noteId = useId();
  const [isAsking, setAsking] = useState(false);
  const [flagged, setFlagged] = useState<number | null>(null);
  const send = (hasLeft: boolean, note: string | null) =>
    save(async (version) => {
      const result = await setContactLeft({ id: contact.id, version }, { hasLeft, note });
      queryClient.setQueryData(contactQuery(contact.id).queryKey, result.contact);
      setFlagged(hasLeft ? result.flaggedDealIds.length : null);
      setAsking(false);
      await Promise.all([
        refresh(),
        refreshAfterDealChange(queryClient),
        queryClient.invalidateQueries({ queryKey: ['my-day'] }),
      ]);
    });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = fieldText(new FormData(event.currentTarget), 'note').trim();
    void send(true, note || null);
  };
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('requalify.contactTitle')}</h2>
      {contact.leftAt ? (
        <>
          <p className="notice">
            {t('requalify.leftOn', { day: formatDate(contact.leftAt, i18n.language) })}
            {contact.leftNote && ` — ${contact.leftNote}`}
          </p>
          {flagged !== null && <p role="status">{t('requalify.flagged', { count: flagged })}</p>}
          <button type="button" onClick={() => void send(false, null)}>
            {t('requalify.back')}
          </button>
        </>
      ) : isAsking ? (
        <form onSubmit={submit} className="dialog-form">
          <label htmlFor={noteId}>{t('requalify.note')}</label>
          <input id={noteId} name="note" maxLength={1000} />
          <p className="hint">{t('requalify.explain')}</p>
          <div className="actions">
            <button type="button" onClick={() => setAsking(false)}>
              {t('deal.cancel')}
            </button>
            <button type="submit">{t('requalify.confirmLeft')}</button>
          </div>
        </form>
      ) : (
        <>
          <p className="hint">{t('requalify.stillThere')}</p>
          <button type="button" onClick={() => setAsking(true)}>
            {t('requalify.markLeft')}
          </button>
        </>
      )}
    </section>
  );
}
