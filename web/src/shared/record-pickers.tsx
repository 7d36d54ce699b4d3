/**
 * Choosing a company or a contact by typing part of its name (folded as the search folds it:
 * أ/إ/آ/ا and the like are one letter), with "New …" for one that is not there yet.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompany, useCompanyMatches, useContactMatches } from '../api/records';
import { NewCompanyDialog, NewContactDialog } from '../features/records/new-record-dialogs';
import { useDebounced } from '../search-param';

interface Named {
  id: string;
  name: string;
}

function RecordPicker({
  id,
  name,
  kind,
  useMatches,
  known,
  initialId,
  companyId = null,
  isRequired = false,
}: {
  id: string;
  name: string;
  kind: 'company' | 'contact';
  useMatches: (q: string) => UseQueryResult<Named[]>;
  /** The record chosen before, so that it is shown before any search. */
  known?: Named | undefined;
  initialId: string | null;
  /** Where a new contact works. */
  companyId?: string | null;
  isRequired?: boolean;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(initialId ?? '');
  const [created, setCreated] = useState<Named | null>(null);
  const [isCreating, setCreating] = useState(false);
  const matches = useMatches(useDebounced(query, 200));
  const options = new Map<string, string>();
  for (const record of [known, created, ...(matches.data ?? [])]) {
    if (record) options.set(record.id, record.name);
  }
  const isCompany = kind === 'company';
  const onCreated = (record: Named) => {
    setCreated({ id: record.id, name: record.name });
    setChosen(record.id);
    setCreating(false);
  };
  const findLabel = isCompany ? t('records.findCompany') : t('records.findContact');
  return (
    <span className="picker">
      <input
        type="search"
        aria-label={findLabel}
        placeholder={findLabel}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <select
        id={id}
        name={name}
        value={chosen}
        required={isRequired}
        onChange={(e) => setChosen(e.target.value)}
      >
        <option value="">{isCompany ? t('records.noCompany') : t('records.chooseContact')}</option>
        {[...options].map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => setCreating(true)}>
        {isCompany ? t('records.newCompany') : t('records.newContact')}
      </button>
      {isCreating &&
        (isCompany ? (
          <NewCompanyDialog
            initialName={query}
            onClose={() => setCreating(false)}
            onCreated={onCreated}
          />
        ) : (
          <NewContactDialog
            companyId={companyId}
            initialName={query}
            onClose={() => setCreating(false)}
            onCreated={onCreated}
          />
        ))}
    </span>
  );
}

export function CompanyPicker(props: { id: string; name: string; initialId: string | null }) {
  const current = useCompany(props.initialId);
  return (
    <RecordPicker {...props} kind="company" useMatches={useCompanyMatches} known={current.data} />
  );
}

/** A contact to add somewhere: found by name, or made on the spot (at `companyId`). */
export function ContactPicker({
  isRequired = true,
  ...props
}: {
  id: string;
  name: string;
  companyId: string | null;
  isRequired?: boolean;
}) {
  return (
    <RecordPicker
      {...props}
      isRequired={isRequired}
      kind="contact"
      initialId={null}
      useMatches={useContactMatches}
    />
  );
}
