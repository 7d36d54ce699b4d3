import { describe, expect, it } from 'vitest';
import {
  activityMoment,
  fromLocalInput,
  nextStepOf,
  toLocalInput,
  tomorrowMorning,
} from './activity-time';

describe('activity times', () => {
  it('round-trips an instant through the datetime-local value of the browser zone', () => {
    const iso = '2026-12-03T06:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a time')).toBeNull();
  });

  it('proposes tomorrow at nine', () => {
    const proposed = new Date(tomorrowMorning(new Date(2026, 11, 31, 22, 15)));
    expect([proposed.getFullYear(), proposed.getMonth(), proposed.getDate()]).toEqual([2027, 0, 1]);
    expect([proposed.getHours(), proposed.getMinutes()]).toEqual([9, 0]);
  });

  it('takes the open activity due soonest as the next step, never an undated or done one', () => {
    const step = nextStepOf([
      { id: 'done', isDone: true, dueAt: '2026-12-01T00:00:00Z' },
      { id: 'undated', isDone: false, dueAt: null },
      { id: 'later', isDone: false, dueAt: '2026-12-09T00:00:00Z' },
      { id: 'sooner', isDone: false, dueAt: '2026-12-04T00:00:00Z' },
    ]);
    expect(step?.id).toBe('sooner');
    expect(nextStepOf([{ isDone: false, dueAt: null }])).toBeUndefined();
  });

  it('places an activity at when it was done, else due, else written', () => {
    const base = { doneAt: null, dueAt: null, createdAt: 'c' };
    expect(activityMoment({ ...base, doneAt: 'd', dueAt: 'u' })).toBe('d');
    expect(activityMoment({ ...base, dueAt: 'u' })).toBe('u');
    expect(activityMoment(base)).toBe('c');
  });
});
