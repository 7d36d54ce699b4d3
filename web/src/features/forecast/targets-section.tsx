import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { fieldText } from '../../form';
import { toMinor } from '../../format';
import { useSession } from '../../session';
import { useMembers } from '../../workspace';
import {
  createTarget,
  type Forecast,
  targetsKey,
  useTargetProgress,
  useTargets,
  useTeams,
} from './forecast-api';
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
  const queryClient = useQueryClient();
  const members = useMembers();
  const teams = useTeams();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    try {
      await createTarget({
        scope: fieldText(form, 'scope'),
        period,
        amountMinor: toMinor(Number(fieldText(form, 'amount')), currency),
      });
      formElement.reset();
      await queryClient.invalidateQueries({ queryKey: targetsKey });
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught.body.details.map((d) => d.message).join(' · ') || caught.message
          : t('errors.generic'),
      );
    }
  };
  return (
    <details className="target-form">
      <summary>{t('targets.set')}</summary>
      <form onSubmit={(event) => void submit(event)} className="filter-bar">
        <label>
          {t('targets.scope')}
          <select name="scope" defaultValue="workspace">
            <option value="workspace">{t('targets.workspace')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {t('targets.team', { name: team.name })}
              </option>
            ))}
            {(members.data ?? []).map((member) => (
              <option key={member.id} value={`owner:${member.id}`}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('targets.amount', { currency })}
          <input name="amount" type="number" min="0" step="any" inputMode="decimal" required />
        </label>
        <button type="submit">{t('targets.save', { period })}</button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
