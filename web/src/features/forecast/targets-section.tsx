import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forecast } from '../../api/models';
import { toMinor } from '../../format';
import { useSession } from '../../session';
import { FormError, fieldText } from '../../shared/api-form';
import { MemberOptions } from '../../shared/owner-select';
import { useMembers } from '../../workspace';
import { useTeams } from '../../api/teams';
import { useCreateTarget, useTargetProgress, useTargets } from './forecast-api';
import { TargetProgressCard } from './target-progress-card';

/** The forecast period's targets (workspace, team or owner), each with its progress. */
export function TargetsSection({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation();
  const session = useSession();
  const members = useMembers();
  const teams = useTeams();
  const targets = useTargets();
  const inPeriod = (targets.data ?? []).filter(
    (target) =>
      target.period.from === forecast.period.from && target.period.to === forecast.period.to,
  );
  const progress = useTargetProgress(inPeriod);
  const scopeName = (scope: string) => {
    const [kind, id] = scope.split(':');
    if (kind === 'owner') return members.data?.find((m) => m.id === id)?.name ?? scope;
    if (kind === 'team') return teams.data?.find((team) => team.id === id)?.name ?? scope;
    return t('targets.workspace');
  };
  const canSet = session.data?.role === 'admin' || session.data?.role === 'manager';
  return (
    <section className="targets" aria-labelledby="targets-title">
      <h2 id="targets-title">{t('targets.title')}</h2>
      {targets.isSuccess && inPeriod.length === 0 && <p>{t('targets.none')}</p>}
      <div className="targets__list">
        {inPeriod.map((target, index) => {
          const result = progress[index];
          if (result?.isError) return null;
          return result?.data ? (
            <TargetProgressCard
              key={target.id}
              progress={result.data}
              name={scopeName(target.scope)}
            />
          ) : (
            <p key={target.id} className="loading">
              …
            </p>
          );
        })}
      </div>
      {canSet && <TargetForm period={forecast.period.name} currency={forecast.currency} />}
    </section>
  );
}

function TargetForm({ period, currency }: { period: string; currency: string }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const create = useCreateTarget();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      {
        scope: fieldText(form, 'scope'),
        period,
        amountMinor: toMinor(Number(fieldText(form, 'amount')), currency),
      },
      { onSuccess: () => formElement.reset() },
    );
  };
  return (
    <details className="target-form">
      <summary>{t('targets.set')}</summary>
      <form onSubmit={submit} className="filter-bar">
        <label>
          {t('targets.scope')}
          <select name="scope" defaultValue="workspace">
            <option value="workspace">{t('targets.workspace')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {t('targets.team', { name: team.name })}
              </option>
            ))}
            <MemberOptions valueFor={(id) => `owner:${id}`} />
          </select>
        </label>
        <label>
          {t('targets.amount', { currency })}
          <input name="amount" type="number" min="0" step="any" inputMode="decimal" required />
        </label>
        <button type="submit">{t('targets.save', { period })}</button>
        <FormError form={create} />
      </form>
    </details>
  );
}
