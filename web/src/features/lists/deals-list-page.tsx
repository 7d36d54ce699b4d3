import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Stage } from '../../api/models';
import { formatDate, formatDay, formatMoney } from '../../format';
import { localName, usePipelineDetails } from '../../pipelines';
import { fieldText } from '../../shared/api-form';
import { OwnerSelect } from '../../shared/owner-select';
import { useMembers } from '../../workspace';
import { useCustomFieldColumns } from '../custom-fields/custom-field-columns';
import { DealFilterBar, useDealFilters } from './deal-filters';
import { type RowOutcome, useOwnerChange } from './deal-owner-change';
import { type ListParams, useListPages, useRecordNames } from './list-api';
import { ListPage, rowsOf, useListSort, whenColumn } from './list-page';

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
  const members = useMembers();
  const pipelines = usePipelineDetails();
  const filters = useDealFilters();
  const customColumns = useCustomFieldColumns('deal');
  const sortable = [...SORTS, ...customColumns.sorts];
  const sort = useListSort(sortable, 'updatedAt', 'desc');
  const params: ListParams = {
    status: filters.status,
    ownerId: filters.ownerId,
    stageId: filters.stageId,
    companyId: filters.companyId,
    contactId: filters.contactId,
    q: filters.settledQ,
    ...filters.customField.params,
    sort: sort.sort,
    direction: sort.direction,
  };
  const list = useListPages('deals', params);
  const rows = rowsOf(list);
  const companyNames = useRecordNames(
    'companies',
    rows.map((row) => row.companyId),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Map<string, RowOutcome>>(new Map());
  const [summary, setSummary] = useState<string | null>(null);
  const ownerChange = useOwnerChange();

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

  const changeOwner = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const owner = fieldText(new FormData(event.currentTarget), 'owner');
    setSummary(null);
    ownerChange.mutate(
      { deals: rows.filter((row) => selected.has(row.id)), ownerId: owner === '' ? null : owner },
      {
        onSuccess: (result) => {
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
        },
      },
    );
  };

  return (
    <ListPage
      resource="deals"
      title={t('lists.deals.title')}
      params={params}
      list={list}
      sort={sort}
      filters={<DealFilterBar state={filters} />}
      rowClassName={(row) => (outcomes.has(row.id) ? 'is-refused' : undefined)}
      columns={[
        {
          key: 'select',
          header: (
            <input
              type="checkbox"
              aria-label={t('lists.selectAll')}
              checked={isAllSelected}
              onChange={(e) =>
                setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())
              }
            />
          ),
          cell: (row) => (
            <input
              type="checkbox"
              aria-label={t('lists.selectRow', { name: row.title })}
              checked={selected.has(row.id)}
              onChange={(e) => toggle(row.id, e.target.checked)}
            />
          ),
        },
        {
          key: 'title',
          header: t('deal.title'),
          sort: { field: 'title' },
          isRowHeader: true,
          cell: (row) => {
            const outcome = outcomes.get(row.id);
            return (
              <>
                <Link to={`/deals/${row.id}`}>{row.title}</Link>
                {row.isStale && (
                  <>
                    {' '}
                    <span className="badge badge--stale">{t('board.stale')}</span>
                  </>
                )}
                {outcome && (
                  <span className="error row-note">
                    {outcome === 'conflict'
                      ? t('lists.deals.changedElsewhere')
                      : t('lists.deals.notChanged')}
                  </span>
                )}
              </>
            );
          },
        },
        {
          key: 'company',
          header: t('deal.company'),
          cell: (row) => (row.companyId ? (companyNames.get(row.companyId) ?? '…') : '—'),
        },
        {
          key: 'stage',
          header: t('deal.stage'),
          cell: (row) => {
            const stage = stages.get(row.stageId);
            return stage ? localName(stage, language) : '';
          },
        },
        {
          key: 'inStageSince',
          header: t('lists.deals.inStageSince'),
          sort: { field: 'stageEnteredAt', natural: 'desc' },
          cell: (row) => (row.stageEnteredAt ? formatDate(row.stageEnteredAt, language) : '—'),
        },
        { key: 'status', header: t('deal.status'), cell: (row) => t(`deal.status_${row.status}`) },
        { key: 'owner', header: t('deal.owner'), cell: (row) => memberName(row.ownerId) },
        {
          key: 'amount',
          header: t('deal.amount'),
          sort: { field: 'amount', natural: 'desc' },
          cell: (row) =>
            row.amountMinor === null ? '—' : formatMoney(row.amountMinor, row.currency, language),
        },
        {
          key: 'expectedCloseDate',
          header: t('deal.expectedCloseDate'),
          sort: { field: 'expectedCloseDate' },
          cell: (row) => (row.expectedCloseDate ? formatDay(row.expectedCloseDate, language) : '—'),
        },
        ...customColumns.columns,
        whenColumn('updatedAt', t, language),
      ]}
    >
      {selected.size > 0 && (
        <form
          className="filter-bar bulk-bar"
          aria-label={t('lists.deals.bulk')}
          onSubmit={changeOwner}
        >
          <p>{t('lists.selected', { count: selected.size })}</p>
          <OwnerSelect
            label={t('lists.deals.newOwner')}
            emptyLabel={t('board.unassigned')}
            name="owner"
            defaultValue=""
          />
          <button type="submit" disabled={ownerChange.isPending}>
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
    </ListPage>
  );
}
