/**
 * The ideal customer profile in settings: its weighted criteria, edited by an admin at the
 * workspace's version, and the suggestion from closed deals with its sample sizes, which can be
 * taken as the starting point.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatNumber, formatPercent } from '../../format';
import { ErrorText, messageOf } from '../../shared/api-form';
import { useSettingsMutation } from '../settings/settings-api';
import {
  attributeLabel,
  type Icp,
  type IcpCriterion,
  icpKey,
  saveIcp,
  useIcp,
  useIcpSuggestion,
} from './icp-api';

interface Row {
  key: number;
  attribute: string;
  values: string;
  weight: number;
}

let nextKey = 1;
const rowOf = (c: IcpCriterion): Row => ({
  key: nextKey++,
  attribute: c.attribute,
  values: c.values.join(', '),
  weight: c.weight,
});

export function IcpSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const icp = useIcp();
  // Here, not in the editor: a save bumps the version, and the editor starts afresh from it.
  const [isSaved, setSaved] = useState(false);
  return (
    <section className="panel settings-section" aria-labelledby="icp-title">
      <h2 id="icp-title">{t('icp.title')}</h2>
      <p className="hint">{t('icp.intro')}</p>
      {icp.isError && <p role="alert">{t('errors.generic')}</p>}
      {icp.data && (
        <IcpEditor key={icp.data.version} icp={icp.data} canManage={canManage} onSaved={setSaved} />
      )}
      {isSaved && <p role="status">{t('icp.saved')}</p>}
      <IcpSuggestionPanel icp={icp.data} />
    </section>
  );
}

function IcpEditor({
  icp,
  canManage,
  onSaved,
}: {
  icp: Icp;
  canManage: boolean;
  onSaved: (isSaved: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const formId = useId();
  const [rows, setRows] = useState<Row[]>(() => icp.criteria.map(rowOf));
  const save = useSettingsMutation({
    mutationFn: (criteria: IcpCriterion[]) => saveIcp(icp.version, { criteria }),
    onMutate: () => onSaved(false),
    onSuccess: (saved) => {
      queryClient.setQueryData(icpKey, saved);
      onSaved(true);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: icpKey }),
        queryClient.invalidateQueries({ queryKey: ['workspace'] }),
      ]),
  });
  const rowError = (index: number) => {
    if (!(save.error instanceof ApiError)) return null;
    const detail = save.error.body.details.find((d) => d.path[1] === index);
    return detail?.message ?? null;
  };
  const change = (key: number, patch: Partial<Row>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      rows.map((r) => ({
        attribute: r.attribute,
        values: r.values.split(/[,،]/).map((v) => v.trim()),
        weight: r.weight,
      })),
    );
  };
  const label = (attribute: string) => attributeLabel(attribute, icp.attributes, i18n.language, t);
  if (!canManage) {
    return icp.criteria.length === 0 ? (
      <p>{t('icp.none')}</p>
    ) : (
      <ul className="plain-list">
        {icp.criteria.map((c) => (
          <li key={c.attribute}>
            {t('icp.criterion', {
              attribute: label(c.attribute),
              wanted: c.values.join(t('icp.or')),
              weight: formatNumber(c.weight, i18n.language),
            })}
          </li>
        ))}
      </ul>
    );
  }
  const unused = icp.attributes.filter((a) => !rows.some((r) => r.attribute === a.attribute));
  return (
    <form onSubmit={submit} aria-labelledby="icp-title">
      {rows.length === 0 && <p>{t('icp.none')}</p>}
      {rows.map((row, index) => {
        const error = rowError(index);
        const errorId = `${formId}-${row.key}-error`;
        const described = error ? errorId : undefined;
        return (
          <fieldset key={row.key} className="filter-bar icp-row">
            <legend className="visually-hidden">
              {t('icp.rowLegend', { number: formatNumber(index + 1, i18n.language) })}
            </legend>
            <label>
              <span>{t('icp.attribute')}</span>
              <select
                value={row.attribute}
                aria-describedby={described}
                onChange={(e) => change(row.key, { attribute: e.target.value })}
              >
                {icp.attributes
                  .filter(
                    (a) =>
                      a.attribute === row.attribute ||
                      !rows.some((r) => r.attribute === a.attribute),
                  )
                  .map((a) => (
                    <option key={a.attribute} value={a.attribute}>
                      {label(a.attribute)}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              <span>{t('icp.values')}</span>
              <input
                value={row.values}
                required
                aria-describedby={described}
                onChange={(e) => change(row.key, { values: e.target.value })}
              />
            </label>
            <label>
              <span>{t('icp.weight')}</span>
              <input
                type="number"
                min={1}
                max={5}
                step={1}
                required
                value={row.weight}
                aria-describedby={described}
                onChange={(e) => change(row.key, { weight: Number(e.target.value) })}
              />
            </label>
            <button
              type="button"
              onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
            >
              {t('icp.remove', { attribute: label(row.attribute) })}
            </button>
            {error && (
              <span id={errorId} className="error">
                {error}
              </span>
            )}
          </fieldset>
        );
      })}
      <div className="actions">
        {unused[0] && (
          <button
            type="button"
            onClick={() =>
              setRows((current) => [
                ...current,
                rowOf({ attribute: unused[0]?.attribute ?? 'sector', values: [], weight: 1 }),
              ])
            }
          >
            {t('icp.add')}
          </button>
        )}
        <button type="submit" disabled={save.isPending}>
          {t('icp.save')}
        </button>
      </div>
      {save.error && !rows.some((_, i) => rowError(i)) && (
        <ErrorText message={save.errors.form ?? messageOf(save.error, t('errors.generic'))} />
      )}
      {canManage && <UseSuggestion onUse={(criteria) => setRows(criteria.map(rowOf))} />}
    </form>
  );
}

function UseSuggestion({ onUse }: { onUse: (criteria: IcpCriterion[]) => void }) {
  const { t } = useTranslation();
  const suggestion = useIcpSuggestion(true);
  const suggested = suggestion.data?.suggested ?? [];
  if (suggested.length === 0) return null;
  return (
    <button type="button" onClick={() => onUse(suggested)}>
      {t('icp.useSuggestion')}
    </button>
  );
}

/** What the closed deals say, value by value, with how many deals each figure rests on. */
function IcpSuggestionPanel({ icp }: { icp: Icp | undefined }) {
  const { t, i18n } = useTranslation();
  const suggestion = useIcpSuggestion(true);
  const data = suggestion.data;
  if (!data) return null;
  const attributes = icp?.attributes ?? [];
  const rows = data.attributes.flatMap((a) =>
    a.values.map((v) => ({ attribute: a.attribute, ...v })),
  );
  return (
    <div>
      <h3>{t('icp.suggestionTitle')}</h3>
      <p className="hint">
        {t('icp.suggestionIntro', {
          deals: formatNumber(data.closedDeals, i18n.language),
          rate: data.baseWinRate === null ? '—' : formatPercent(data.baseWinRate, i18n.language),
          min: formatNumber(data.minDeals, i18n.language),
        })}
      </p>
      {data.suggested.length === 0 && <p>{t('icp.nothingSignificant')}</p>}
      {rows.length > 0 && (
        <div
          className="table-scroll"
          role="region"
          aria-label={t('icp.suggestionTitle')}
          tabIndex={0}
        >
          <table className="list-table">
            <caption className="visually-hidden">{t('icp.suggestionTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('icp.attribute')}</th>
                <th scope="col">{t('icp.value')}</th>
                <th scope="col">{t('icp.deals')}</th>
                <th scope="col">{t('icp.winRate')}</th>
                <th scope="col">{t('icp.restWinRate')}</th>
                <th scope="col">{t('icp.significant')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.attribute}:${r.value}`}>
                  <th scope="row">{attributeLabel(r.attribute, attributes, i18n.language, t)}</th>
                  <td>
                    <bdi>{r.value}</bdi>
                  </td>
                  <td>{formatNumber(r.deals, i18n.language)}</td>
                  <td>{formatPercent(r.winRate, i18n.language)}</td>
                  <td>{formatPercent(r.restWinRate, i18n.language)}</td>
                  <td>{r.significant ? t('icp.yes') : t('icp.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
