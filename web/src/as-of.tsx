import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { startOfDayInstant, todayIn } from './calendar-day';
import { formatDay } from './format';
import { useSearchParam } from './search-param';

export interface AsOf {
  /** The chosen day (YYYY-MM-DD), '' for now. */
  day: string;
  /** The instant the day starts in the workspace's time zone; undefined for now or a bad day. */
  instant: string | undefined;
  /** A day is chosen but the workspace's time zone is not known yet: wait before asking. */
  isPending: boolean;
  today: string;
  isInvalid: boolean;
  setDay: (day: string) => void;
}

/**
 * "As of" a day, kept in the address (?asOf=YYYY-MM-DD): the start of that day in the workspace's
 * time zone, the same rule the API applies to a day. History knows only the past: a later day
 * is refused here rather than by the server.
 */
export function useAsOf(timeZone: string | undefined): AsOf {
  const [day, setDay] = useSearchParam('asOf');
  const today = todayIn(timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const isValid = /^\d{4}-\d{2}-\d{2}$/.test(day) && day <= today;
  return {
    day,
    instant: isValid && timeZone ? startOfDayInstant(day, timeZone) : undefined,
    isPending: isValid && !timeZone,
    today,
    isInvalid: day !== '' && !isValid,
    setDay,
  };
}

export function AsOfPicker({ asOf }: { asOf: AsOf }) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <div className="as-of">
      <label>
        {t('asOf.label')}
        <input
          type="date"
          value={asOf.day}
          max={asOf.today}
          aria-describedby={hintId}
          aria-invalid={asOf.isInvalid}
          onChange={(event) => asOf.setDay(event.target.value)}
        />
      </label>
      {asOf.day && (
        <button type="button" onClick={() => asOf.setDay('')}>
          {t('asOf.now')}
        </button>
      )}
      <small id={hintId} className={asOf.isInvalid ? 'error' : 'hint'}>
        {asOf.isInvalid ? t('asOf.invalid') : t('asOf.hint')}
      </small>
    </div>
  );
}

/** The sentence under a page's title while it shows the past. */
export function AsOfNotice({ asOf, note }: { asOf: AsOf; note?: string }) {
  const { t, i18n } = useTranslation();
  if (!asOf.instant) return null;
  return (
    <p className="notice" role="status">
      {t('asOf.showing', { date: formatDay(asOf.day, i18n.language) })}
      {note ? ` ${note}` : ''}
    </p>
  );
}
