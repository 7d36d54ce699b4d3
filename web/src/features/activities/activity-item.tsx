/** One activity on a timeline or in My day: complete, reschedule, edit or delete it in place. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  useCompleteActivity,
  useDeleteActivity,
  useLatestActivity,
  useUpdateActivity,
} from '../../api/activities';
import type { Activity } from '../../api/models';
import { formatDate } from '../../format';
import { ErrorText, fieldText, messageOf } from '../../shared/api-form';
import { useVersionedSave } from '../../shared/conflict';
import { ActivityInputs, activityFromForm } from './activity-forms';
import { kindKey } from './activity-kind';
import { fromLocalInput, toLocalInput } from './activity-time';

type Editing = 'no' | 'edit' | 'reschedule';

export function ActivityItem({
  activity,
  now,
  withHijri = false,
  dealTitle,
  canEdit = true,
}: {
  activity: Activity;
  now: number;
  withHijri?: boolean;
  /** Shown as a link to the deal (in My day, where activities of many deals meet). */
  dealTitle?: string | undefined;
  canEdit?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<Editing>('no');
  const [error, setError] = useState<string | null>(null);
  const complete = useCompleteActivity();
  const update = useUpdateActivity();
  const remove = useDeleteActivity();
  const latest = useLatestActivity();
  const { save, dialog } = useVersionedSave();
  const isOverdue = !activity.isDone && activity.dueAt !== null && Date.parse(activity.dueAt) < now;
  const run = async (attempt: (version: number) => Promise<unknown>) => {
    setError(null);
    try {
      await save(attempt, activity.version, () => latest(activity.id));
      setEditing('no');
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  const submitEdit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const change =
      editing === 'reschedule'
        ? { dueAt: fromLocalInput(fieldText(form, 'dueAt')) }
        : activityFromForm(form, activity.isDone ? 'log' : 'schedule');
    void run((version) => update.mutateAsync({ activity: { ...activity, version }, change }));
  };
  const kind = t(kindKey(activity.kind));
  const when = activity.doneAt ?? activity.dueAt;
  return (
    <article
      className={`activity${isOverdue ? ' activity--overdue' : ''}`}
      aria-label={`${kind}: ${activity.subject}`}
    >
      <header>
        <span className="badge">{kind}</span> <strong>{activity.subject}</strong>
        {when && (
          <>
            {' · '}
            <time dateTime={when}>{formatDate(when, i18n.language, withHijri)}</time>
          </>
        )}
        {activity.isDone ? (
          <span className="badge">{t('activity.done')}</span>
        ) : (
          isOverdue && <span className="badge badge--stale">{t('activity.overdue')}</span>
        )}
        {dealTitle && activity.dealId && (
          <>
            {' · '}
            <Link to={`/deals/${activity.dealId}`}>{dealTitle}</Link>
          </>
        )}
      </header>
      {activity.note && <p className="activity__note">{activity.note}</p>}
      {editing !== 'no' ? (
        <form className="inline-form" onSubmit={submitEdit}>
          {editing === 'reschedule' ? (
            <label>
              {t('activity.dueAt')}
              <input
                name="dueAt"
                type="datetime-local"
                required
                defaultValue={activity.dueAt ? toLocalInput(activity.dueAt) : ''}
              />
            </label>
          ) : (
            <ActivityInputs mode={activity.isDone ? 'log' : 'schedule'} initial={activity} />
          )}
          <button type="submit">{t('record.save')}</button>
          <button type="button" onClick={() => setEditing('no')}>
            {t('record.cancel')}
          </button>
        </form>
      ) : (
        canEdit && (
          <div className="row-actions">
            {!activity.isDone && (
              <button
                type="button"
                className="touch-button"
                aria-label={t('activity.completeNamed', { subject: activity.subject })}
                onClick={() =>
                  void run((version) => complete.mutateAsync({ id: activity.id, version }))
                }
              >
                {t('activity.complete')}
              </button>
            )}
            {!activity.isDone && (
              <button
                type="button"
                className="link-button"
                onClick={() => setEditing('reschedule')}
              >
                {t('activity.reschedule')}
              </button>
            )}
            <button type="button" className="link-button" onClick={() => setEditing('edit')}>
              {t('activity.edit')}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                if (window.confirm(t('activity.confirmDelete', { subject: activity.subject }))) {
                  void run((version) => remove.mutateAsync({ ...activity, version }));
                }
              }}
            >
              {t('activity.delete')}
            </button>
          </div>
        )
      )}
      <ErrorText message={error} />
      {dialog}
    </article>
  );
}
