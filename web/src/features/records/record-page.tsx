/**
 * What a company's and a contact's pages share: the way back to their list, the name edited in
 * place, their deals and activities beside their details, and the duplicates section.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MergeKind } from '../../api/merges';
import { fieldText } from '../../shared/api-form';
import { EditableField } from '../../shared/editable-field';
import { RecordActivities } from '../activities/record-activities';
import { MergeSection } from './merge-section';
import { RecordDeals } from './record-deals';

/** '' is "nothing": the field is cleared. */
export function orNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

export function RecordPage({
  kind,
  record,
  nameLabel,
  rename,
  details,
  side,
}: {
  kind: MergeKind;
  record: { id: string; name: string; version: number };
  nameLabel: string;
  rename: (name: string) => Promise<unknown>;
  /** The record's fields, as rows of a <dl>. */
  details: ReactNode;
  /** Sections under the details (a company's people). */
  side?: ReactNode;
}) {
  const { t } = useTranslation();
  const [now] = useState(() => Date.now());
  const of = kind === 'company' ? { companyId: record.id } : { contactId: record.id };
  const list = kind === 'company' ? '/companies' : '/contacts';
  return (
    <article className={`record-page ${kind}-page`}>
      <nav aria-label={t('record.breadcrumbs')} className="breadcrumbs">
        <Link to={list}>{kind === 'company' ? t('nav.companies') : t('nav.contacts')}</Link>
      </nav>
      <header className="record-head">
        <dl className="fields record-title">
          <EditableField
            label={nameLabel}
            value={<h1>{record.name}</h1>}
            editor={(inputId) => (
              <input id={inputId} name="name" required maxLength={300} defaultValue={record.name} />
            )}
            onSave={(form) => rename(fieldText(form, 'name').trim())}
          />
        </dl>
      </header>
      <div className="record-columns">
        <div className="record-main">
          <RecordDeals of={of} />
          <RecordActivities of={of} now={now} withHijri={false} canEdit />
        </div>
        <aside className="record-side">
          <section className="panel" aria-labelledby={`${kind}-fields-title`}>
            <h2 id={`${kind}-fields-title`}>{t('record.details')}</h2>
            <dl className="fields fields--editable">{details}</dl>
          </section>
          {side}
          <MergeSection kind={kind} record={record} />
        </aside>
      </div>
    </article>
  );
}
