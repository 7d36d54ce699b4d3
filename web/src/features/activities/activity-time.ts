/** Times of activities as the browser's <input type="datetime-local"> shows and gives them. */

/** An ISO instant as a datetime-local value in the browser's zone (YYYY-MM-DDTHH:mm). */
export function toLocalInput(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local value (the browser's zone) as an ISO instant; '' is no time. */
export function fromLocalInput(value: string): string | null {
  if (value === '') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** Tomorrow at 09:00 in the browser's zone: where a new next step is proposed. */
export function tomorrowMorning(now = new Date()): string {
  const at = new Date(now);
  at.setDate(at.getDate() + 1);
  at.setHours(9, 0, 0, 0);
  return toLocalInput(at.toISOString());
}

/** When an activity stands on a timeline: when done, else when due, else when written. */
export function activityMoment(activity: {
  doneAt: string | null;
  dueAt: string | null;
  createdAt: string | null;
}): string {
  return activity.doneAt ?? activity.dueAt ?? activity.createdAt ?? '';
}

/** The next step among activities: the open one due soonest (undated ones are not steps). */
export function nextStepOf<T extends { isDone: boolean; dueAt: string | null }>(
  activities: T[],
): T | undefined {
  return activities
    .filter((a) => !a.isDone && a.dueAt !== null)
    .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))[0];
}
