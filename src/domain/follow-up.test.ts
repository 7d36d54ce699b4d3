import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLLOW_UP_TASKS, followUpActivities } from './follow-up.js';

describe('followUpActivities', () => {
  it('dates each task from the day of the win, at 09:00 where the workspace is', () => {
    // 23:30 on 1 March in Riyadh (UTC+3) is still 1 March there.
    const wonAt = Date.parse('2026-03-01T20:30:00Z');
    const tasks = followUpActivities(DEFAULT_FOLLOW_UP_TASKS, wonAt, 'Asia/Riyadh', 'en');
    expect(tasks).toEqual([
      { kind: 'call', subject: 'Onboarding call', dueAt: Date.parse('2026-03-08T06:00:00Z') },
      {
        kind: 'task',
        subject: 'Satisfaction check: send the survey',
        dueAt: Date.parse('2026-03-31T06:00:00Z'),
      },
    ]);
  });

  it('words the tasks in the owner’s language', () => {
    const [first] = followUpActivities(DEFAULT_FOLLOW_UP_TASKS, 0, 'UTC', 'ar');
    expect(first?.subject).toBe('مكالمة الإعداد والتهيئة');
  });
});
