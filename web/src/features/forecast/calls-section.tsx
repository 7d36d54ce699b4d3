/**
 * Forecast calls for the period: your own call (commit and best case, with a note), kept as
 * submitted, and the roll-up — each person's, each team's and the workspace's call beside the
 * model's forecast, what is won so far and the weighted pipeline of the same deals.
 */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { formatDate, formatMoney, toMinor } from '../../format';
import { useSession } from '../../session';
import { Field, FormError, fieldText } from '../../shared/api-form';
import { useForecastRollup, useSubmitCall } from './forecast-api';

type Row = components['schemas']['ForecastRollupRow'];
type Money = Row['model'];

export function CallsSection({ period, currency }: { period: string; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const session = useSession();
  const rollup = useForecastRollup(period);
  const money = (m: Money | undefined) => (m ? formatMoney(m.minor, m.currency, language) : '—');
  const rows: { row: Row; kind: string }[] = rollup.data
    ? [
        ...rollup.data.people.map((row) => ({ row, kind: 'person' })),
        ...rollup.data.teams.map((row) => ({ row, kind: 'team' })),
        ...(rollup.data.total ? [{ row: rollup.data.total, kind: 'workspace' }] : []),
      ]
    : [];
  const canCallWorkspace = session.data?.role === 'admin' || session.data?.role === 'manager';
  return (
    <section className="calls" aria-labelledby="calls-title">
      <h2 id="calls-title">{t('calls.title')}</h2>
      <p className="hint">{t('calls.intro')}</p>
      <CallForm period={period} currency={currency} canCallWorkspace={canCallWorkspace} />
      {rollup.isError && <p role="alert">{t('calls.notAvailable')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{t('calls.rollup', { period })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calls.who')}</th>
                <th scope="col">{t('calls.commit')}</th>
                <th scope="col">{t('calls.bestCase')}</th>
                <th scope="col">{t('calls.model')}</th>
                <th scope="col">{t('calls.wonSoFar')}</th>
                <th scope="col">{t('calls.weightedPipeline')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ row, kind }) => (
                <tr key={`${kind}:${row.id ?? ''}`}>
                  <th scope="row">
                    {kind === 'workspace' ? t('calls.workspace') : row.name}
                    {row.call && (
                      <small className="hint">
                        {' '}
                        {row.call.basis === 'members'
                          ? t('calls.sumOfMembers', { count: row.call.calls })
                          : t('calls.calledOn', {
                              date: formatDate(row.call.submittedAt, language),
                            })}
                      </small>
                    )}
                  </th>
                  <td>{row.call ? money(row.call.commit) : t('calls.noCall')}</td>
                  <td>{row.call ? money(row.call.bestCase) : '—'}</td>
                  <td>{money(row.model)}</td>
                  <td>{money(row.wonSoFar)}</td>
                  <td>{money(row.weightedPipeline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CallForm({
  period,
  currency,
  canCallWorkspace,
}: {
  period: string;
  currency: string;
  canCallWorkspace: boolean;
}) {
  const { t } = useTranslation();
  const submit = useSubmitCall();
  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const note = fieldText(form, 'note').trim();
    submit.mutate(
      {
        period,
        scope: fieldText(form, 'scope') === 'workspace' ? 'workspace' : 'own',
        commitMinor: toMinor(Number(fieldText(form, 'commit')), currency),
        bestCaseMinor: toMinor(Number(fieldText(form, 'bestCase')), currency),
        note: note || null,
      },
      { onSuccess: () => formElement.reset() },
    );
  };
  const amount = (props: Record<string, unknown>) => (
    <input {...props} type="number" min="0" step="any" inputMode="decimal" required />
  );
  return (
    <form className="filter-bar" onSubmit={send} aria-label={t('calls.yourCall', { period })}>
      {canCallWorkspace && (
        <Field label={t('calls.for')} name="scope" form={submit}>
          {(props) => (
            <select {...props} defaultValue="own">
              <option value="own">{t('calls.own')}</option>
              <option value="workspace">{t('calls.workspace')}</option>
            </select>
          )}
        </Field>
      )}
      <Field label={t('calls.commitIn', { currency })} name="commitMinor" form={submit}>
        {(props) => amount({ ...props, name: 'commit' })}
      </Field>
      <Field label={t('calls.bestCaseIn', { currency })} name="bestCaseMinor" form={submit}>
        {(props) => amount({ ...props, name: 'bestCase' })}
      </Field>
      <Field label={t('calls.note')} name="note" form={submit}>
        {(props) => <input {...props} maxLength={2000} />}
      </Field>
      <button type="submit" disabled={submit.isPending}>
        {t('calls.submit', { period })}
      </button>
      <FormError form={submit} />
    </form>
  );
}
