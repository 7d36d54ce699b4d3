/**
 * A record's activities: what is planned (the next step first) and, below, what happened —
 * done activities merged with the deal's stage history when there is one, newest first.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActivityOwnerKey, useActivitiesOf } from '../../api/activities';
import type { Activity } from '../../api/models';
import { ActivityItem } from './activity-item';
import { NewActivityForm, type ActivityMode } from './activity-forms';
import { activityMoment, nextStepOf } from './activity-time';

/** How many of the newest entries the history shows at first, and more each time. */
const HISTORY_PAGE = 15;

/** Something that happened at a moment, other than an activity (a stage change). */
export interface TimelineEvent {
  id: string;
  at: string;
  content: ReactNode;
}

export function NextStep({
  of,
  activities,
  now,
  withHijri,
  canEdit,
  ownerId,
}: {
  of: ActivityOwnerKey;
  activities: Activity[];
  now: number;
  withHijri: boolean;
  canEdit: boolean;
  ownerId?: string | null;
}) {
  const { t } = useTranslation();
  const [isScheduling, setScheduling] = useState(false);
  const step = nextStepOf(activities);
  return (
    <section className="panel next-step" aria-labelledby="next-step-title">
      <h2 id="next-step-title">{t('activity.nextStep')}</h2>
      {step ? (
        <ActivityItem activity={step} now={now} withHijri={withHijri} canEdit={canEdit} />
      ) : (
        <p className="notice">{t('activity.noNextStep')}</p>
      )}
      {canEdit &&
        (isScheduling ? (
          <NewActivityForm
            of={of}
            mode="schedule"
            ownerId={ownerId}
            onDone={() => setScheduling(false)}
          />
        ) : (
          <button type="button" className="touch-button" onClick={() => setScheduling(true)}>
            {step ? t('activity.scheduleAnother') : t('activity.setNextStep')}
          </button>
        ))}
    </section>
  );
}

export function RecordActivities({
  of,
  now,
  withHijri,
  canEdit,
  ownerId,
  events = [],
  nextStepFirst = false,
}: {
  of: ActivityOwnerKey;
  now: number;
  withHijri: boolean;
  canEdit: boolean;
  ownerId?: string | null;
  events?: TimelineEvent[];
  nextStepFirst?: boolean;
}) {
  const { t } = useTranslation();
  const activities = useActivitiesOf(of);
  const [mode, setMode] = useState<ActivityMode | null>(null);
  const [shown, setShown] = useState(HISTORY_PAGE);
  const all = activities.data ?? [];
  const step = nextStepOf(all);
  const planned = all.filter((a) => !a.isDone && a.id !== step?.id);
  type Entry = { at: string; key: string; node: ReactNode };
  const happened: Entry[] = [
    ...all
      .filter((a) => a.isDone)
      .map((a) => ({
        at: activityMoment(a),
        key: a.id,
        node: <ActivityItem activity={a} now={now} withHijri={withHijri} canEdit={canEdit} />,
      })),
    ...events.map((e) => ({ at: e.at, key: e.id, node: e.content })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <>
      {nextStepFirst && (
        <NextStep
          of={of}
          activities={all}
          now={now}
          withHijri={withHijri}
          canEdit={canEdit}
          ownerId={ownerId}
        />
      )}
      <section className="panel" aria-labelledby="activities-title">
        <h2 id="activities-title">{t('activity.title')}</h2>
        {canEdit && (
          <div className="row-actions">
            <button type="button" className="touch-button" onClick={() => setMode('log')}>
              {t('activity.logOne')}
            </button>
            <button type="button" className="touch-button" onClick={() => setMode('schedule')}>
              {t('activity.scheduleOne')}
            </button>
          </div>
        )}
        {mode && (
          <NewActivityForm of={of} mode={mode} ownerId={ownerId} onDone={() => setMode(null)} />
        )}
        {(planned.length > 0 || (!nextStepFirst && step)) && (
          <>
            <h3>{t('activity.planned')}</h3>
            <ul className="timeline">
              {[...(nextStepFirst || !step ? [] : [step]), ...planned].map((a) => (
                <li key={a.id}>
                  <ActivityItem activity={a} now={now} withHijri={withHijri} canEdit={canEdit} />
                </li>
              ))}
            </ul>
          </>
        )}
        <h3>{t('activity.happened')}</h3>
        {happened.length === 0 ? (
          <p className="hint">{t('activity.nothingYet')}</p>
        ) : (
          <ol className="timeline">
            {happened.slice(0, shown).map((entry) => (
              <li key={entry.key}>{entry.node}</li>
            ))}
          </ol>
        )}
        {happened.length > shown && (
          <button type="button" onClick={() => setShown((n) => n + HISTORY_PAGE)}>
            {t('activity.showEarlier', { count: happened.length - shown })}
          </button>
        )}
      </section>
    </>
  );
}
