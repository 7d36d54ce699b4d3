import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldText } from '../../form';
import { formatDate, formatDay, formatMoney } from '../../format';
import { localName, usePipelineDetails } from '../../pipelines';
import type { DealRow, Stage } from '../../types';
import { useMembers } from '../../workspace';
import { refreshAfterDealChange } from '../board/board-api';
import { DealFilterBar, useDealFilters } from './deal-filters';
import { changeOwners, type RowOutcome } from './deal-owner-change';
import { listKey, type ListParams, useListPages, useRecordNames } from './list-api';
import {
  ExportLinks,
  ListHeading,
  LoadMore,
  SortHeader,
  TableScroller,
  useListSort,
} from './list-parts';

const SORTS = [
  'updatedAt',
  'createdAt',
  'title',
  'amount',
  'expectedCloseDate',
  'stageEnteredAt',
] as const;

/** Every deal in a sortable, filterable table; select rows to give them another owner. */
export default function DealsListPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const queryClient = useQueryClient();
  const members = useMembers();
  const pipelines = usePipelineDetails();
  const filters = useDealFilters();
  const sort = useListSort(SORTS, 'updatedAt', 'desc');
  const params: ListParams = {
    status: filters.status,
    ownerId: filters.ownerId,
    stageId: filters.stageId,
    companyId: filters.companyId,
    contactId: filters.contactId,
    q: filters.settledQ,
    sort: sort.sort,
    direction: sort.direction,
  };
  const list = useListPages<DealRow>('deals', params);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const companyNames = useRecordNames(
    'companies',
    rows.map((row) => row.companyId),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Map<string, RowOutcome>>(new Map());
  const [summary, setSummary] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  const stages = new Map<string, Stage>(
    (pipelines.data ?? []).flatMap((p) => p.stages.map((s) => [s.id, s] as const)),
  );
  const memberName = (id: string | null) =>
    id === null ? t('board.unassigned') : (members.data?.find((m) => m.id === id)?.name ?? '');
  const toggle = (id: string, isOn: boolean) => {
    const next = new Set(selected);
    if (isOn) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const isAllSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  const changeOwner = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const owner = fieldText(new FormData(event.currentTarget), 'owner');
    const chosen = rows.filter((row) => selected.has(row.id));
    setSaving(true);
    setSummary(null);
    try {
      const result = await changeOwners(chosen, owner === '' ? null : owner);
      setOutcomes(result.outcomes);
      // The rows that did not change stay selected, to try again once the list is fresh.
      setSelected(new Set(result.outcomes.keys()));
      const conflicts = [...result.outcomes.values()].filter((o) => o === 'conflict').length;
      const failed = result.outcomes.size - conflicts;
      setSummary(
        [
          t('lists.deals.ownerChanged', { count: result.changedIds.length }),
          conflicts > 0 ? t('lists.deals.conflicts', { count: conflicts }) : '',
          failed > 0 ? t('lists.deals.failures', { count: failed }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    } finally {
      setSaving(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: listKey }),
        refreshAfterDealChange(queryClient),
      ]);
    }
  };

  return (
    <div className="list-page">
      <ListHeading
        title={t('lists.deals.title')}
        actions={<ExportLinks resource="deals" params={params} />}
      />
      <DealFilterBar state={filters} />
      {selected.size > 0 && (
        <form
          className="filter-bar bulk-bar"
          aria-label={t('lists.deals.bulk')}
          onSubmit={(event) => void changeOwner(event)}
        >
          <p>{t('lists.selected', { count: selected.size })}</p>
          <label>
            {t('lists.deals.newOwner')}
            <select name="owner" defaultValue="">
              <option value="">{t('board.unassigned')}</option>
              {(members.data ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={isSaving}>
            {t('lists.deals.changeOwner')}
          </button>
          <button type="button" onClick={() => setSelected(new Set())}>
            {t('lists.clearSelection')}
          </button>
        </form>
      )}
      {summary && (
        <p role="status" className="notice">
          {summary}
        </p>
      )}
      {list.isError && <p role="alert">{t('errors.generic')}</p>}
      <TableScroller label={t('lists.deals.title')}>
        <table className="list-table">
          <caption className="visually-hidden">{t('lists.deals.title')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('lists.selectAll')}
                  checked={isAllSelected}
                  onChange={(e) =>
                    setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())
                  }
                />
              </th>
              <SortHeader field="title" state={sort}>
                {t('deal.title')}
              </SortHeader>
              <th scope="col">{t('deal.company')}</th>
              <th scope="col">{t('deal.stage')}</th>
              <SortHeader field="stageEnteredAt" natural="desc" state={sort}>
                {t('lists.deals.inStageSince')}
              </SortHeader>
              <th scope="col">{t('deal.status')}</th>
              <th scope="col">{t('deal.owner')}</th>
              <SortHeader field="amount" natural="desc" state={sort}>
                {t('deal.amount')}
              </SortHeader>
              <SortHeader field="expectedCloseDate" state={sort}>
                {t('deal.expectedCloseDate')}
              </SortHeader>
              <SortHeader field="updatedAt" natural="desc" state={sort}>
                {t('lists.updated')}
              </SortHeader>
            </tr>
          </thead>
          <tbody>
            {list.isSuccess && rows.length === 0 && (
              <tr>
                <td colSpan={10}>{t('lists.none')}</td>
              </tr>
            )}
            {rows.map((row) => {
              const stage = stages.get(row.stageId);
              const outcome = outcomes.get(row.id);
              return (
                <tr key={row.id} className={outcome ? 'is-refused' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('lists.selectRow', { name: row.title })}
                      checked={selected.has(row.id)}
                      onChange={(e) => toggle(row.id, e.target.checked)}
                    />
                  </td>
                  <th scope="row">
                    <Link to={`/deals/${row.id}`}>{row.title}</Link>
                    {outcome && (
                      <span className="error row-note">
                        {outcome === 'conflict'
                          ? t('lists.deals.changedElsewhere')
                          : t('lists.deals.notChanged')}
                      </span>
                    )}
                  </th>
                  <td>{row.companyId ? (companyNames.get(row.companyId) ?? '…') : '—'}</td>
                  <td>{stage ? localName(stage, language) : ''}</td>
                  <td>{row.stageEnteredAt ? formatDate(row.stageEnteredAt, language) : '—'}</td>
                  <td>{t(`deal.status_${row.status}`)}</td>
                  <td>{memberName(row.ownerId)}</td>
                  <td>
                    {row.amountMinor === null
                      ? '—'
                      : formatMoney(row.amountMinor, row.currency, language)}
                  </td>
                  <td>
                    {row.expectedCloseDate ? formatDay(row.expectedCloseDate, language) : '—'}
                  </td>
                  <td>{row.updatedAt ? formatDate(row.updatedAt, language) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroller>
      <LoadMore
        shown={rows.length}
        hasMore={list.hasNextPage}
        isLoading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </div>
  );
}
