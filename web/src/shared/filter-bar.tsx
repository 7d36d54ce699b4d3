import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page's filters as a search landmark and, while any is set, the button that clears them. */
export function FilterBar({
  label,
  isFiltered,
  onClear,
  children,
}: {
  label: string;
  isFiltered: boolean;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="filter-bar" role="search" aria-label={label}>
      {children}
      {isFiltered && (
        <button type="button" onClick={onClear}>
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}

/** A labelled search box of a filter bar. */
export function SearchField({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        maxLength={200}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
