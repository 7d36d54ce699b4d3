import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, ifMatch } from '../../api/client';
import type { RequestBody, Workspace } from '../../api/models';
import { Field, FormError, fieldText } from '../../shared/api-form';
import { useWorkspace } from '../../workspace';
import { useSettingsMutation } from './settings-api';

type WorkspaceChange = RequestBody<'/api/v1/workspace', 'patch'>;

const WEEK_DAYS = [
  [6, 'setup.saturday'],
  [0, 'setup.sunday'],
  [1, 'setup.monday'],
] as const;

/** The workspace's preferences; only admins change them, everyone sees them. */
export function WorkspaceSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const workspace = useWorkspace();
  const form = useSettingsMutation({
    mutationFn: ({ version, body }: { version: number; body: WorkspaceChange }) =>
      answer(client.PATCH('/api/v1/workspace', { headers: ifMatch(version), body })),
    // Every number depends on these: the base currency, the zone, the probability mode.
    onSettled: () => void queryClient.invalidateQueries(),
  });
  if (!workspace.data) return null;
  const current: Workspace = workspace.data;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    form.mutate({
      version: current.version,
      body: {
        name: fieldText(data, 'name'),
        baseCurrency: fieldText(data, 'baseCurrency').trim().toUpperCase(),
        defaultLocale: fieldText(data, 'defaultLocale') as Workspace['defaultLocale'],
        timeZone: fieldText(data, 'timeZone').trim(),
        weekStart: Number(fieldText(data, 'weekStart')),
        repsSeeOwnDealsOnly: data.get('repsSeeOwnDealsOnly') === 'on',
        probabilityMode: fieldText(data, 'probabilityMode') as Workspace['probabilityMode'],
      },
    });
  };
  return (
    <section className="panel settings-section" aria-labelledby="workspace-title">
      <h2 id="workspace-title">{t('settings.workspace.title')}</h2>
      <form key={current.version} className="settings-form" onSubmit={submit}>
        <fieldset disabled={!canManage || form.isPending}>
          <Field label={t('setup.workspaceName')} name="name" form={form}>
            {(props) => <input {...props} defaultValue={current.name} required maxLength={200} />}
          </Field>
          <Field label={t('setup.baseCurrency')} name="baseCurrency" form={form}>
            {(props) => (
              <input
                {...props}
                defaultValue={current.baseCurrency}
                required
                pattern="[A-Za-z]{3}"
                maxLength={3}
                className="narrow"
                dir="ltr"
              />
            )}
          </Field>
          <Field label={t('settings.workspace.defaultLocale')} name="defaultLocale" form={form}>
            {(props) => (
              <select {...props} defaultValue={current.defaultLocale}>
                <option value="ar">{t('language.ar')}</option>
                <option value="en">{t('language.en')}</option>
              </select>
            )}
          </Field>
          <Field label={t('setup.timeZone')} name="timeZone" form={form}>
            {(props) => (
              <input {...props} defaultValue={current.timeZone} required maxLength={64} dir="ltr" />
            )}
          </Field>
          <Field label={t('setup.weekStart')} name="weekStart" form={form}>
            {(props) => (
              <select {...props} defaultValue={String(current.weekStart)}>
                {WEEK_DAYS.map(([day, key]) => (
                  <option key={day} value={day}>
                    {t(key)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('settings.workspace.probabilityMode')} name="probabilityMode" form={form}>
            {(props) => (
              <select {...props} defaultValue={current.probabilityMode}>
                <option value="configured">{t('settings.workspace.mode_configured')}</option>
                <option value="historical">{t('settings.workspace.mode_historical')}</option>
              </select>
            )}
          </Field>
          <label className="inline">
            <input
              type="checkbox"
              name="repsSeeOwnDealsOnly"
              defaultChecked={current.repsSeeOwnDealsOnly}
            />
            {t('settings.workspace.repsSeeOwnDealsOnly')}
          </label>
          {form.errors.fields.repsSeeOwnDealsOnly && (
            <span className="error">{form.errors.fields.repsSeeOwnDealsOnly}</span>
          )}
          {canManage && <button type="submit">{t('settings.save')}</button>}
        </fieldset>
        <FormError form={form} />
      </form>
    </section>
  );
}
