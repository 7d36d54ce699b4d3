import { type KeyboardEvent, type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDebounced } from '../../search-param';
import { useSearch } from './search-api';
import { hitPath, type SearchHit } from './search-path';

type Translate = (key: string) => string;

function kindLabel(kind: SearchHit['kind'], t: Translate): string {
  switch (kind) {
    case 'deal':
      return t('search.kind_deal');
    case 'company':
      return t('search.kind_company');
    case 'contact':
      return t('search.kind_contact');
    case 'activity':
      return t('search.kind_activity');
  }
}

function activityKindLabel(kind: NonNullable<SearchHit['activityKind']>, t: Translate): string {
  switch (kind) {
    case 'call':
      return t('lists.activities.kind_call');
    case 'email':
      return t('lists.activities.kind_email');
    case 'meeting':
      return t('lists.activities.kind_meeting');
    case 'task':
      return t('lists.activities.kind_task');
    case 'note':
      return t('lists.activities.kind_note');
  }
}

/**
 * What tells a hit apart: an activity's kind, then the subtitle the server gave, isolated in its
 * own direction (an Arabic company under an English title, or the other way round).
 */
function Detail({ hit, t }: { hit: SearchHit; t: Translate }) {
  const kind = hit.activityKind ? activityKindLabel(hit.activityKind, t) : null;
  if (!kind && !hit.subtitle) return null;
  return (
    <span className="palette-detail">
      {kind}
      {kind && hit.subtitle && ' · '}
      {hit.subtitle && <bdi>{hit.subtitle}</bdi>}
    </span>
  );
}

const keyOf = (hit: SearchHit) => `${hit.kind}:${hit.id}`;

/**
 * The command palette: a modal dialog with a combobox whose listbox holds what "search
 * everywhere" finds, each labelled with its kind, best first. The arrow keys move through the
 * results, Enter opens the chosen one (the first when none is chosen), Escape closes.
 */
export function CommandPalette({
  initialQuery,
  onClose,
}: {
  initialQuery: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  // The chosen hit by kind and id, so that new results, which may not hold it, choose none.
  const [chosen, setChosen] = useState<string | null>(null);
  const settled = useDebounced(query.trim(), 200);
  const search = useSearch(settled);
  const hits = query.trim() === '' || settled === '' ? [] : (search.data ?? []);
  const activeIndex = hits.findIndex((hit) => keyOf(hit) === chosen);
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    const input = inputRef.current;
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    if (activeIndex >= 0)
      document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  const open = (hit: SearchHit) => {
    onClose();
    void navigate(hitPath(hit));
  };

  const move = (step: 1 | -1) => {
    if (hits.length === 0) return;
    const from = activeIndex === -1 ? (step === 1 ? -1 : 0) : activeIndex;
    const next = hits[(from + step + hits.length) % hits.length];
    if (next) setChosen(keyOf(next));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        return;
      case 'Enter': {
        event.preventDefault();
        const hit = hits[activeIndex] ?? hits[0];
        if (hit) open(hit);
        return;
      }
      case 'Escape':
        event.preventDefault();
        onClose();
        return;
    }
  };

  // A click on the backdrop lands on the dialog itself, outside its content.
  const onDialogClick = (event: MouseEvent<HTMLDialogElement>) => {
    if (event.target === dialogRef.current) onClose();
  };

  const status = (() => {
    if (settled === '' || query.trim() === '') return '';
    if (search.isError) return search.error.message;
    if (hits.length === 0)
      return search.isFetching ? t('search.searching') : t('search.none', { query: settled });
    return t('search.found', { count: hits.length });
  })();

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      className="palette"
      onCancel={onClose}
      onClick={onDialogClick}
    >
      <div className="palette-body">
        <div className="palette-head">
          <h2 id={`${id}-title`}>{t('search.title')}</h2>
          <button type="button" onClick={onClose}>
            {t('search.close')}
          </button>
        </div>
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          className="palette-input"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-hint`}
          aria-expanded={hits.length > 0}
          aria-controls={`${id}-results`}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.input')}
          maxLength={200}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setChosen(null);
          }}
          onKeyDown={onKeyDown}
        />
        <p id={`${id}-hint`} className="hint">
          {t('search.hint')}
        </p>
        <ul
          id={`${id}-results`}
          role="listbox"
          aria-label={t('search.results')}
          className="palette-results"
          hidden={hits.length === 0}
        >
          {hits.map((hit, index) => (
            <li
              key={keyOf(hit)}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className="palette-option"
              // Keeps the focus in the combobox: the click opens the hit.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => open(hit)}
            >
              <span className="palette-title">
                <bdi>{hit.title}</bdi>
              </span>
              <span className="palette-kind">{kindLabel(hit.kind, t)}</span>
              <Detail hit={hit} t={t} />
            </li>
          ))}
        </ul>
        <p role="status" className="hint palette-status">
          {status}
        </p>
      </div>
    </dialog>
  );
}
