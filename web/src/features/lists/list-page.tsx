import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/models';
import { formatDate } from '../../format';
import { useSearchParam } from '../../search-param';
import {
  type ExportFormat,
  exportHref,
  type ListParams,
  type ListResource,
  type ListRow,
} from './list-api';

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
function SortHeader<F extends string>({
  field,
  natural = 'asc',
  state,
  children,
}: {
  field: F;
  natural?: Direction | undefined;
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

function ExportLinks({ resource, params }: { resource: ListResource; params: ListParams }) {
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
function LoadMore({
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

/** One column of a list's table. */
export interface ListColumn<Row, F extends string> {
  key: string;
  header: ReactNode;
  /** The order the header sets, for a column the list can be sorted by. */
  sort?: { field: F; natural?: Direction };
  /** The column that names the row (a row header, for screen readers). */
  isRowHeader?: boolean;
  /** Text that reads left to right whatever the page's direction (domains, emails, phones). */
  dir?: 'ltr';
  cell: (row: Row) => ReactNode;
}

/** When a record was created or last changed: a column sorted newest first at the first click. */
export function whenColumn<F extends 'createdAt' | 'updatedAt'>(
  field: F,
  t: (key: string) => string,
  language: string,
): ListColumn<{ [K in F]: string | null }, F> {
  return {
    key: field,
    header: field === 'createdAt' ? t('lists.created') : t('lists.updated'),
    sort: { field, natural: 'desc' },
    cell: (row) => {
      const at = row[field];
      return at ? formatDate(at, language) : '—';
    },
  };
}

export type ListQuery<R extends ListResource> = UseInfiniteQueryResult<
  InfiniteData<Page<ListRow<R>>>
>;

/** The rows of the pages loaded so far. */
export function rowsOf<Row>(list: { data?: InfiniteData<{ items: Row[] }> | undefined }): Row[] {
  return list.data?.pages.flatMap((page) => page.items) ?? [];
}

/**
 * A list page: its title and exports, its filters, a table that scrolls sideways on a narrow
 * screen, "no results" when the filters match nothing, and "Load more" page by page.
 */
export function ListPage<R extends ListResource, F extends string>({
  resource,
  title,
  params,
  list,
  sort,
  columns,
  filters,
  children,
  rowClassName,
  actions,
}: {
  resource: R;
  title: string;
  /** The list's filters and order, for its exports too. */
  params: ListParams;
  list: ListQuery<R>;
  sort: ListSort<F>;
  columns: ListColumn<ListRow<R>, F>[];
  filters: ReactNode;
  /** What stands between the filters and the table (the deals' bulk change). */
  children?: ReactNode;
  rowClassName?: (row: ListRow<R>) => string | undefined;
  /** Buttons beside the title (a new record). */
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const rows = rowsOf(list);
  return (
    <div className="list-page">
      <div className="board-page__bar">
        <h1>{title}</h1>
        {actions}
        <ExportLinks resource={resource} params={params} />
      </div>
      {filters}
      {children}
      {list.isError && <p role="alert">{t('errors.generic')}</p>}
      <div className="table-scroll" role="region" aria-label={title} tabIndex={0}>
        <table className="list-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((column) =>
                column.sort ? (
                  <SortHeader
                    key={column.key}
                    field={column.sort.field}
                    natural={column.sort.natural}
                    state={sort}
                  >
                    {column.header}
                  </SortHeader>
                ) : (
                  <th key={column.key} scope="col">
                    {column.header}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {list.isSuccess && rows.length === 0 && (
              <tr>
                <td colSpan={columns.length}>{t('lists.none')}</td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.id} className={rowClassName?.(row)}>
                {columns.map((column) =>
                  column.isRowHeader ? (
                    <th key={column.key} scope="row">
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.key} dir={column.dir}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore
        shown={rows.length}
        hasMore={list.hasNextPage}
        isLoading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </div>
  );
}
