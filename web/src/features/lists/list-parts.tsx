import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParam } from '../../search-param';
import { type ExportFormat, exportHref, type ListParams, type ListResource } from './list-api';

type Direction = 'asc' | 'desc';

/** A list's order, kept in the address (?sort=&dir=), with the API's default when absent. */
export function useListSort<F extends string>(
  fields: readonly F[],
  field: F,
  direction: Direction,
) {
  const [sortParam, setSortParam] = useSearchParam('sort');
  const [dirParam, setDirParam] = useSearchParam('dir');
  const sort = (fields as readonly string[]).includes(sortParam) ? (sortParam as F) : field;
  const dir: Direction = dirParam === 'asc' || dirParam === 'desc' ? dirParam : direction;
  return {
    sort,
    direction: dir,
    /** The same column again flips the order; another column starts in its natural order. */
    sortBy: (next: F, natural: Direction) => {
      setSortParam(next === field ? '' : next);
      const nextDir = next === sort ? (dir === 'asc' ? 'desc' : 'asc') : natural;
      setDirParam(nextDir === direction && next === field ? '' : nextDir);
    },
  };
}

export type ListSort<F extends string> = ReturnType<typeof useListSort<F>>;

/** A column header that orders the list; screen readers hear the current order. */
export function SortHeader<F extends string>({
  field,
  natural = 'asc',
  state,
  children,
}: {
  field: F;
  natural?: Direction;
  state: ListSort<F>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isActive = state.sort === field;
  const ariaSort = isActive ? (state.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button
        type="button"
        className="link-button sort-button"
        onClick={() => state.sortBy(field, natural)}
      >
        {children}
        <span aria-hidden="true">{isActive ? (state.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        <span className="visually-hidden">{t('lists.sortHint')}</span>
      </button>
    </th>
  );
}

/** A wide table scrolls sideways inside its own box on a narrow screen; the keyboard can too. */
export function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function ExportLinks({ resource, params }: { resource: ListResource; params: ListParams }) {
  const { t, i18n } = useTranslation();
  const link = (format: ExportFormat, label: string) => (
    <a className="button-link" href={exportHref(resource, format, params, i18n.language)} download>
      {label}
    </a>
  );
  return (
    <div className="export-links">
      {link('csv', t('lists.exportCsv'))}
      {link('xlsx', t('lists.exportXlsx'))}
    </div>
  );
}

/** "Load more" under a list, while the server says there is more. */
export function LoadMore({
  hasMore,
  isLoading,
  onLoad,
  shown,
}: {
  hasMore: boolean;
  isLoading: boolean;
  onLoad: () => void;
  shown: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="load-more">
      <p role="status" className="hint">
        {t('lists.shown', { count: shown })}
      </p>
      {hasMore && (
        <button type="button" disabled={isLoading} onClick={onLoad}>
          {isLoading ? '…' : t('lists.loadMore')}
        </button>
      )}
    </div>
  );
}

export function ListHeading({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <div className="board-page__bar">
      <h1>{title}</h1>
      {actions}
    </div>
  );
}
