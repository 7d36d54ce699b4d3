import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Team } from '../../api/models';
import { localeOf } from '../../format';
import { Field, FormError, type FormWithErrors, fieldText } from '../../shared/api-form';
import { useTeams } from '../../api/teams';
import { MemberOptions } from '../../shared/owner-select';
import { useMembers } from '../../workspace';
import {
  changeTeam,
  createTeam,
  deleteTeam,
  refreshAfterTeamChange,
  setMemberTeam,
  type TeamFields,
  useSettingsChange,
} from './pipeline-settings-api';

/** A team's name and manager as a form gives them; no manager is null. */
function teamFieldsOf(data: FormData): TeamFields {
  const manager = fieldText(data, 'managerUserId');
  return { name: fieldText(data, 'name'), managerUserId: manager === '' ? null : manager };
}

function nameOf(members: Member[] | undefined, userId: string | null): string {
  if (userId === null) return '—';
  return members?.find((member) => member.id === userId)?.name ?? '—';
}

/** The people of a team as one phrase in the reader's language, or a dash for none. */
function namesText(userIds: string[], members: Member[] | undefined, language: string): string {
  if (userIds.length === 0) return '—';
  const names = userIds.map((id) => nameOf(members, id));
  return new Intl.ListFormat(localeOf(language), { type: 'conjunction' }).format(names);
}

/** The choice of a team's manager: nobody, or one of the workspace's people. */
function ManagerSelect({
  label,
  form,
  team,
}: {
  label: string;
  form: FormWithErrors;
  team?: Team;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label} name="managerUserId" form={form}>
      {(props) => (
        <select {...props} key={team?.version} defaultValue={team?.managerUserId ?? ''}>
          <option value="">{t('settings.teams.noManager')}</option>
          <MemberOptions />
        </select>
      )}
    </Field>
  );
}

/**
 * The workspace's teams: who manages each and who is in it. Targets, the forecast and metrics
 * can be read per team. Admins create, rename and delete teams and put people in them.
 */
export function TeamsSection({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const teams = useTeams();
  const members = useMembers();
  const list = [...(teams.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel settings-section" aria-labelledby="teams-title">
      <h2 id="teams-title">{t('settings.teams.title')}</h2>
      <p className="hint">{t('settings.teams.intro')}</p>
      {teams.isError && <p role="alert">{t('errors.generic')}</p>}
      {teams.data && list.length === 0 && <p>{t('settings.teams.none')}</p>}
      {canManage ? (
        list.map((team) => <TeamBlock key={team.id} team={team} teams={list} />)
      ) : list.length > 0 ? (
        <div
          className="table-scroll"
          role="region"
          aria-label={t('settings.teams.title')}
          tabIndex={0}
        >
          <table className="list-table settings-table">
            <caption className="visually-hidden">{t('settings.teams.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.teams.name')}</th>
                <th scope="col">{t('settings.teams.manager')}</th>
                <th scope="col">{t('settings.teams.members')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((team) => (
                <tr key={team.id}>
                  <th scope="row">{team.name}</th>
                  <td>{nameOf(members.data, team.managerUserId)}</td>
                  <td>{namesText(team.memberIds, members.data, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canManage && <NewTeamForm />}
    </section>
  );
}

function NewTeamForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const add = useSettingsChange({
    mutationFn: createTeam,
    onSettled: () => void refreshAfterTeamChange(queryClient),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    add.mutate(teamFieldsOf(new FormData(element)), { onSuccess: () => element.reset() });
  };
  return (
    <details className="target-form">
      <summary>{t('settings.teams.add')}</summary>
      <form className="filter-bar" aria-label={t('settings.teams.add')} onSubmit={submit}>
        <Field label={t('settings.teams.name')} name="name" form={add}>
          {(props) => <input {...props} required maxLength={120} />}
        </Field>
        <ManagerSelect label={t('settings.teams.manager')} form={add} />
        <button type="submit" disabled={add.isPending}>
          {t('settings.teams.submit')}
        </button>
        <FormError form={add} />
      </form>
    </details>
  );
}

/** One team, edited in place: its name and manager, its members, and deleting it. */
function TeamBlock({ team, teams }: { team: Team; teams: Team[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useMembers();
  const titleId = useId();
  const onSettled = () => void refreshAfterTeamChange(queryClient);
  const edit = useSettingsChange({
    mutationFn: (body: Partial<TeamFields>) => changeTeam(team, body),
    onSettled,
  });
  const remove = useSettingsChange(
    { mutationFn: () => deleteTeam(team), onSettled },
    { hasFields: false },
  );
  const membership = useSettingsChange({
    mutationFn: ({ userId, teamId }: { userId: string; teamId: string | null }) =>
      setMemberTeam(userId, teamId),
    onSettled,
  });
  const name = team.name;
  const inTeam = (members.data ?? []).filter((member) => team.memberIds.includes(member.id));
  const others = (members.data ?? []).filter((member) => !team.memberIds.includes(member.id));
  const teamOf = (userId: string) => teams.find((other) => other.memberIds.includes(userId));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    edit.mutate(teamFieldsOf(new FormData(event.currentTarget)));
  };
  const submitMember = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const userId = fieldText(new FormData(event.currentTarget), 'userId');
    if (userId !== '') membership.mutate({ userId, teamId: team.id });
  };
  const confirmDelete = () => {
    if (window.confirm(t('settings.teams.confirmDelete', { name }))) remove.mutate();
  };

  return (
    <section className="team-block" aria-labelledby={titleId}>
      <h3 id={titleId}>{name}</h3>
      <form
        className="filter-bar"
        aria-label={t('settings.teams.editOf', { name })}
        onSubmit={submit}
      >
        <Field label={t('settings.teams.nameOf', { name })} name="name" form={edit}>
          {(props) => (
            <input {...props} key={team.version} defaultValue={name} required maxLength={120} />
          )}
        </Field>
        <ManagerSelect label={t('settings.teams.managerOf', { name })} form={edit} team={team} />
        <button type="submit" disabled={edit.isPending}>
          {t('settings.teams.saveOf', { name })}
        </button>
        <button type="button" disabled={remove.isPending} onClick={confirmDelete}>
          {t('settings.teams.deleteOf', { name })}
        </button>
        <FormError form={edit} />
        <FormError form={remove} />
      </form>
      <h4>{t('settings.teams.membersOf', { name })}</h4>
      {inTeam.length === 0 ? (
        <p className="hint">{t('settings.teams.noMembers')}</p>
      ) : (
        <ul className="member-list" aria-label={t('settings.teams.membersOf', { name })}>
          {inTeam.map((member) => (
            <li key={member.id}>
              <span>{member.name}</span>
              <button
                type="button"
                disabled={membership.isPending}
                aria-label={t('settings.teams.removeMember', { member: member.name, team: name })}
                onClick={() => membership.mutate({ userId: member.id, teamId: null })}
              >
                {t('settings.teams.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <form className="filter-bar" onSubmit={submitMember}>
          <Field label={t('settings.teams.addMemberTo', { name })} name="userId" form={membership}>
            {(props) => (
              <select {...props} required defaultValue="">
                <option value="">{t('settings.teams.choosePerson')}</option>
                {others.map((member) => {
                  const current = teamOf(member.id);
                  return (
                    <option key={member.id} value={member.id}>
                      {current
                        ? t('settings.teams.personInTeam', {
                            member: member.name,
                            team: current.name,
                          })
                        : member.name}
                    </option>
                  );
                })}
              </select>
            )}
          </Field>
          <button type="submit" disabled={membership.isPending}>
            {t('settings.teams.addMember', { name })}
          </button>
        </form>
      )}
      <FormError form={membership} />
    </section>
  );
}
