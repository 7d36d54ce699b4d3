import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client } from '../../api/client';
import type { Member, RequestBody, Role } from '../../api/models';
import { formatDate } from '../../format';
import { Field, FormError, fieldText } from '../../shared/api-form';
import { membersKey, useMembers } from '../../workspace';
import { changeMemberRole, deactivateMember, ROLES, useSettingsMutation } from './settings-api';

export function roleName(role: string, t: (key: string) => string): string {
  switch (role) {
    case 'admin':
      return t('settings.roles.admin');
    case 'manager':
      return t('settings.roles.manager');
    default:
      return t('settings.roles.rep');
  }
}

export function RoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {roleName(role, t)}
    </option>
  ));
}

/** The people of the workspace and their roles; admins add people and change roles. */
export function UsersSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useMembers();
  const add = useSettingsMutation({
    mutationFn: (body: RequestBody<'/api/v1/users', 'post'>) =>
      answer(client.POST('/api/v1/users', { body })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: membersKey }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    add.mutate(
      {
        name: fieldText(data, 'name'),
        email: fieldText(data, 'email'),
        password: fieldText(data, 'password'),
        role: fieldText(data, 'role') as Role,
        locale: fieldText(data, 'locale') as 'ar' | 'en',
      },
      { onSuccess: () => element.reset() },
    );
  };
  return (
    <section className="panel settings-section" aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users.title')}</h2>
      <div
        className="table-scroll"
        role="region"
        aria-label={t('settings.users.title')}
        tabIndex={0}
      >
        <table className="list-table settings-table">
          <caption className="visually-hidden">{t('settings.users.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.users.name')}</th>
              <th scope="col">{t('settings.users.email')}</th>
              <th scope="col">{t('settings.users.role')}</th>
              {canManage && <th scope="col">{t('settings.users.leaving')}</th>}
            </tr>
          </thead>
          <tbody>
            {(members.data ?? []).map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                members={members.data ?? []}
                canManage={canManage}
              />
            ))}
          </tbody>
        </table>
      </div>
      {canManage && (
        <details className="target-form">
          <summary>{t('settings.users.add')}</summary>
          <form className="filter-bar" onSubmit={submit}>
            <Field label={t('settings.users.name')} name="name" form={add}>
              {(props) => <input {...props} required maxLength={200} />}
            </Field>
            <Field label={t('settings.users.email')} name="email" form={add}>
              {(props) => <input {...props} type="email" required dir="ltr" maxLength={320} />}
            </Field>
            <Field label={t('settings.users.password')} name="password" form={add}>
              {(props) => (
                <input
                  {...props}
                  type="password"
                  required
                  minLength={10}
                  autoComplete="new-password"
                />
              )}
            </Field>
            <Field label={t('settings.users.role')} name="role" form={add}>
              {(props) => (
                <select {...props} defaultValue="rep">
                  <RoleOptions />
                </select>
              )}
            </Field>
            <Field label={t('settings.users.locale')} name="locale" form={add}>
              {(props) => (
                <select {...props} defaultValue="ar">
                  <option value="ar">{t('language.ar')}</option>
                  <option value="en">{t('language.en')}</option>
                </select>
              )}
            </Field>
            <button type="submit" disabled={add.isPending}>
              {t('settings.users.submit')}
            </button>
            <FormError form={add} />
          </form>
        </details>
      )}
    </section>
  );
}

function MemberRow({
  member,
  members,
  canManage,
}: {
  member: Member;
  members: Member[];
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  // A stale version (someone else changed the role meanwhile) is a 409: the list is read again
  // and the conflict said under the role, which then shows the other person's choice.
  const form = useSettingsMutation({
    mutationFn: ({ shown, role }: { shown: Member; role: Role }) => changeMemberRole(shown, role),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: membersKey }),
  });
  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td dir="ltr">{member.email}</td>
      <td>
        {member.deactivatedAt ? (
          <span className="badge">
            {t('settings.users.deactivatedOn', {
              day: formatDate(member.deactivatedAt, i18n.language),
            })}
          </span>
        ) : canManage ? (
          <Field
            label={t('settings.users.roleOf', { name: member.name })}
            name="role"
            form={form}
            isLabelHidden
          >
            {(props) => (
              <select
                {...props}
                value={member.role}
                disabled={form.isPending}
                onChange={(event) =>
                  form.mutate({ shown: member, role: event.target.value as Role })
                }
              >
                <RoleOptions />
              </select>
            )}
          </Field>
        ) : (
          roleName(member.role, t)
        )}
        <FormError form={form} />
      </td>
      {canManage && (
        <td>{!member.deactivatedAt && <DeactivateMember member={member} members={members} />}</td>
      )}
    </tr>
  );
}

/** A person who left: their open work goes to another member, their access stops at once. */
function DeactivateMember({ member, members }: { member: Member; members: Member[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isAsking, setAsking] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const selectId = useId();
  const form = useSettingsMutation({
    mutationFn: (handToUserId: string) => deactivateMember(member, handToUserId),
    onSuccess: (result) =>
      setSummary(
        t('settings.users.handedOver', {
          deals: result.deals,
          activities: result.activities,
          companies: result.companies,
          contacts: result.contacts,
        }),
      ),
    onSettled: () =>
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: membersKey }),
        queryClient.invalidateQueries(),
      ]),
  });
  const others = members.filter((m) => m.id !== member.id && !m.deactivatedAt);
  if (summary) return <p role="status">{summary}</p>;
  if (!isAsking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {t('settings.users.deactivate', { name: member.name })}
      </button>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    form.mutate(fieldText(new FormData(event.currentTarget), 'handTo'));
  };
  return (
    <form onSubmit={submit} aria-label={t('settings.users.deactivate', { name: member.name })}>
      <label htmlFor={selectId}>{t('settings.users.handTo')}</label>
      <select id={selectId} name="handTo" required>
        {others.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <p className="hint">{t('settings.users.deactivateExplain')}</p>
      <button type="submit" disabled={form.isPending}>
        {t('settings.users.confirmDeactivate')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('deal.cancel')}
      </button>
      <FormError form={form} />
    </form>
  );
}
