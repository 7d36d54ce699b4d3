/** Pairs of records that look like one, offered for merging from the lists. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DuplicatePair, type MergeKind, useDuplicates } from '../../api/merges';
import { MergeDialog } from './merge-section';

export function DuplicatesPanel({ kind }: { kind: MergeKind }) {
  const { t } = useTranslation();
  const duplicates = useDuplicates(kind);
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const pairs = duplicates.data?.items ?? [];
  if (pairs.length === 0) return null;
  const path = kind === 'company' ? '/companies' : '/contacts';
  return (
    <details className="panel duplicates">
      <summary>{t('merge.possibleDuplicates', { count: pairs.length })}</summary>
      <ul className="record-list">
        {pairs.map((pair) => (
          <li key={`${pair.keep.id}:${pair.duplicate.id}`}>
            <Link to={`${path}/${pair.keep.id}`}>{pair.keep.name}</Link>
            <span aria-hidden="true">⇄</span>
            <Link to={`${path}/${pair.duplicate.id}`}>{pair.duplicate.name}</Link>
            <span className="hint">
              {pair.reasons.map((reason) => t(`merge.reason_${reason}`)).join(' · ')}
            </span>
            <button type="button" onClick={() => setMerging(pair)}>
              {t('merge.mergeInto', { duplicate: pair.duplicate.name, kept: pair.keep.name })}
            </button>
          </li>
        ))}
      </ul>
      {merging && (
        <MergeDialog
          kind={kind}
          kept={merging.keep}
          duplicate={merging.duplicate}
          onClose={() => setMerging(null)}
        />
      )}
    </details>
  );
}
