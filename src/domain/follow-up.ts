import { addDays, dayOf, startOfDayMs } from './period.js';

/** One task of a pipeline's after-the-sale template: what, in both languages, how many days on. */
export interface FollowUpTask {
  kind: 'call' | 'email' | 'meeting' | 'task';
  subjectEn: string;
  subjectAr: string;
  /** Due this many days after the win, at 09:00 in the workspace's time zone. */
  days: number;
}

/** What a new workspace's default pipeline does after a win. */
export const DEFAULT_FOLLOW_UP_TASKS: readonly FollowUpTask[] = [
  { kind: 'call', subjectEn: 'Onboarding call', subjectAr: 'مكالمة الإعداد والتهيئة', days: 7 },
  {
    kind: 'task',
    subjectEn: 'Satisfaction check: send the survey',
    subjectAr: 'قياس الرضا: أرسل الاستبيان',
    days: 30,
  },
];

const NINE_HOURS = 9 * 3_600_000;

/**
 * The activities a win creates from a template: each subject in the owner's language, due
 * `days` after the day of the win at 09:00 in the workspace's time zone.
 * @example won 2026-03-01 in Riyadh, { days: 7 } → due 2026-03-08T06:00:00Z (09:00 in Riyadh)
 */
export function followUpActivities(
  template: readonly FollowUpTask[],
  wonAt: number,
  timeZone: string,
  language: 'en' | 'ar',
) {
  const day = dayOf(wonAt, timeZone);
  return template.map((task) => ({
    kind: task.kind,
    subject: language === 'ar' ? task.subjectAr : task.subjectEn,
    dueAt: startOfDayMs(addDays(day, task.days), timeZone) + NINE_HOURS,
  }));
}
