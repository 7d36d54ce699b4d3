/**
 * Two records that are one: another company (or contact) is merged into the one on screen. Its
 * deals, people, activities and ids move here, its empty-here fields fill in, and it goes; the
 * merge is recorded and listed on the kept record.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MergeKind, useMerge, useMergesOf } from '../../api/merges';
import {
  companyQuery,
  contactQuery,
  useCompanyMatches,
  useContactMatches,
} from '../../api/records';
import { formatDate } from '../../format';
import { Modal } from '../../modal';
import { useDebounced } from '../../search-param';
import { ErrorText, messageOf } from '../../shared/api-form';

interface Named {
  id: string;
  name: string;
  version: number;
}

export function MergeSection({ kind, record }: { kind: MergeKind; record: Named }) {
  const { t, i18n } = useTranslation();
  const formId = useId();
  const merges = useMergesOf(kind, record.id);
  const [query, setQuery] = useState('');
  const [duplicate, setDuplicate] = useState<Named | null>(null);
  // The chosen record itself, not only its id: typing on refetches the matches, and the choice
  // must survive a list that no longer (or not yet) holds it.
  const [chosen, setChosen] = useState<Named | null>(null);
  const settled = useDebounced(query, 200);
  const companies = useCompanyMatches(kind === 'company' ? settled : '');
  const contacts = useContactMatches(kind === 'contact' ? settled : '');
  const found = ((kind === 'company' ? companies.data : contacts.data) ?? []).filter(
    (m) => m.id !== record.id,
  );
  const matches = chosen && !found.some((m) => m.id === chosen.id) ? [chosen, ...found] : found;
  const choose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDuplicate(chosen);
  };
  const mergedHere = (merges.data ?? []).filter((m) => m.keptId === record.id);
  return (
    <section className="panel" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('merge.title')}</h2>
      <p className="hint">{t(kind === 'company' ? 'merge.introCompany' : 'merge.introContact')}</p>
      <form className="inline-form" onSubmit={choose}>
        <input
          type="search"
          aria-label={t('merge.find')}
          placeholder={t('merge.find')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label>
          <span className="visually-hidden">{t('merge.duplicate')}</span>
          <select
            name="duplicateId"
            required
            value={chosen?.id ?? ''}
            onChange={(e) => setChosen(matches.find((m) => m.id === e.target.value) ?? null)}
          >
            <option value="">{t('merge.chooseDuplicate')}</option>
            {matches.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('merge.mergeHere')}</button>
      </form>
      {mergedHere.length > 0 && (
        <ul className="plain-list">
          {mergedHere.map((m) => (
            <li key={m.id}>
              {t('merge.mergedFrom', { name: m.mergedName })}
              {m.at && (
                <>
                  {' · '}
                  <time dateTime={m.at}>{formatDate(m.at, i18n.language)}</time>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {duplicate && (
        <MergeDialog
          kind={kind}
          kept={record}
          duplicate={duplicate}
          onClose={() => setDuplicate(null)}
        />
      )}
    </section>
  );
}

/** Says what the merge will do, then does it from both records' latest versions shown. */
export function MergeDialog({
  kind,
  kept,
  duplicate,
  onClose,
}: {
  kind: MergeKind;
  kept: Named;
  duplicate: Named;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const merge = useMerge(kind);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      // The duplicate's version as it is now: the picker's list may be older.
      const latest =
        kind === 'company'
          ? await queryClient.fetchQuery({ ...companyQuery(duplicate.id), staleTime: 0 })
          : await queryClient.fetchQuery({ ...contactQuery(duplicate.id), staleTime: 0 });
      await merge.mutateAsync({ kept, duplicate: { id: duplicate.id, version: latest.version } });
      onClose();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal
      title={t('merge.confirmTitle', { duplicate: duplicate.name, kept: kept.name })}
      onClose={onClose}
    >
      <div className="dialog-form">
        <p>
          {t(kind === 'company' ? 'merge.explainCompany' : 'merge.explainContact', {
            duplicate: duplicate.name,
            kept: kept.name,
          })}
        </p>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('record.cancel')}
          </button>
          <button type="submit" disabled={merge.isPending} onClick={() => void run()}>
            {t('merge.confirm')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
