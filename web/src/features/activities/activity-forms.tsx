/**
 * Writing activities: log one that happened (a call just made), schedule one (the next step),
 * edit one. Times are typed in the browser's zone and sent as instants.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActivityOwnerKey, type NewActivity, useCreateActivity } from '../../api/activities';
import type { Activity } from '../../api/models';
import { ErrorText, fieldText, messageOf } from '../../shared/api-form';
import { ACTIVITY_KINDS, type ActivityKind, kindKey } from './activity-kind';
import { fromLocalInput, toLocalInput, tomorrowMorning } from './activity-time';

export type ActivityMode = 'log' | 'schedule';

/** The subject, kind, note and (when scheduling) due time of an activity. */
export function ActivityInputs({
  mode,
  initial,
}: {
  mode: ActivityMode;
  initial?: Partial<Pick<Activity, 'kind' | 'subject' | 'note' | 'dueAt'>>;
}) {
  const { t } = useTranslation();
  const kind = initial?.kind ?? (mode === 'log' ? 'call' : 'task');
  return (
    <>
      <label>
        {t('activity.kind')}
        <select name="kind" defaultValue={kind}>
          {ACTIVITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(kindKey(k))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('activity.subject')}
        <input
          name="subject"
          required
          maxLength={300}
          defaultValue={initial?.subject ?? (mode === 'log' ? t(kindKey(kind)) : '')}
        />
      </label>
      {mode === 'schedule' && (
        <label>
          {t('activity.dueAt')}
          <input
            name="dueAt"
            type="datetime-local"
            required
            defaultValue={initial?.dueAt ? toLocalInput(initial.dueAt) : tomorrowMorning()}
          />
        </label>
      )}
      <label>
        {t('activity.note')}
        <textarea name="note" rows={2} defaultValue={initial?.note ?? ''} />
      </label>
    </>
  );
}

/** What ActivityInputs hold, as the API takes it. */
export function activityFromForm(form: FormData, mode: ActivityMode) {
  const note = fieldText(form, 'note').trim();
  return {
    kind: fieldText(form, 'kind') as ActivityKind,
    subject: fieldText(form, 'subject').trim(),
    note: note === '' ? null : note,
    ...(mode === 'schedule' ? { dueAt: fromLocalInput(fieldText(form, 'dueAt')) } : {}),
  };
}

/** Log or schedule an activity on a deal, company or contact. */
export function NewActivityForm({
  of,
  mode,
  onDone,
  ownerId,
}: {
  of: ActivityOwnerKey;
  mode: ActivityMode;
  onDone: () => void;
  ownerId?: string | null;
}) {
  const { t } = useTranslation();
  const create = useCreateActivity();
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = activityFromForm(new FormData(event.currentTarget), mode);
    const body: NewActivity = {
      ...of,
      ...fields,
      ...(ownerId ? { ownerId } : {}),
      ...(mode === 'log' ? { isDone: true, doneAt: new Date().toISOString() } : {}),
    };
    try {
      await create.mutateAsync(body);
      onDone();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <form
      className="card-form activity-form"
      aria-labelledby={titleId}
      onSubmit={(e) => void submit(e)}
    >
      <h3 id={titleId}>{mode === 'log' ? t('activity.logTitle') : t('activity.scheduleTitle')}</h3>
      <ActivityInputs mode={mode} />
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          {t('record.cancel')}
        </button>
        <button type="submit" disabled={create.isPending}>
          {mode === 'log' ? t('activity.log') : t('activity.schedule')}
        </button>
      </div>
    </form>
  );
}
