import { describe, expect, it } from 'vitest';
import { daysSince, isDealStale, type StaleFacts } from './stale.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 4, 20, 12, 0); // 2025-05-20T12:00Z

/** An open deal in a 14-day stage, entered 20 days ago, with no activity and no next step. */
const rotting: StaleFacts = {
  status: 'open',
  rottingDays: 14,
  stageEnteredAt: NOW - 20 * DAY,
  lastActivityAt: null,
  nextDueAt: null,
};

describe('isDealStale', () => {
  it('is stale when untouched for longer than the rotting days', () => {
    expect(isDealStale(rotting, NOW)).toBe(true); // 20 days > 14
  });

  it('is not stale with a next step scheduled in the future', () => {
    expect(isDealStale({ ...rotting, nextDueAt: NOW + DAY }, NOW)).toBe(false);
    expect(isDealStale({ ...rotting, nextDueAt: NOW + 30 * DAY }, NOW)).toBe(false);
  });

  it('is still stale when the only next step is overdue', () => {
    // Due yesterday and not done: nobody is planning to act.
    expect(isDealStale({ ...rotting, nextDueAt: NOW - DAY }, NOW)).toBe(true);
  });

  it('counts a recent activity as a touch', () => {
    // Entered 20 days ago, but a call 3 days ago: 3 days ≤ 14.
    expect(isDealStale({ ...rotting, lastActivityAt: NOW - 3 * DAY }, NOW)).toBe(false);
    // An activity older than the stage entry does not help: 20 days since the stage change.
    expect(isDealStale({ ...rotting, lastActivityAt: NOW - 40 * DAY }, NOW)).toBe(true);
  });

  it('counts a recent stage change as a touch', () => {
    const movedRecently = {
      ...rotting,
      stageEnteredAt: NOW - 2 * DAY,
      lastActivityAt: NOW - 60 * DAY,
    };
    expect(isDealStale(movedRecently, NOW)).toBe(false); // 2 days ≤ 14
  });

  it('needs strictly longer than the rotting days', () => {
    const exactly = { ...rotting, stageEnteredAt: NOW - 14 * DAY };
    expect(isDealStale(exactly, NOW)).toBe(false); // 14 days is not longer than 14
    expect(isDealStale({ ...exactly, stageEnteredAt: NOW - 14 * DAY - 1 }, NOW)).toBe(true);
    expect(isDealStale({ ...exactly, stageEnteredAt: NOW - 13 * DAY - 23 * HOUR }, NOW)).toBe(
      false,
    );
  });

  it('uses the stage threshold, not a fixed one', () => {
    // Same 20 days untouched: stale at 14 days, not at 30.
    expect(isDealStale({ ...rotting, rottingDays: 30 }, NOW)).toBe(false);
    expect(isDealStale({ ...rotting, rottingDays: 19 }, NOW)).toBe(true);
  });

  it('never calls a won or lost deal stale', () => {
    expect(isDealStale({ ...rotting, status: 'won' }, NOW)).toBe(false);
    expect(isDealStale({ ...rotting, status: 'lost' }, NOW)).toBe(false);
    expect(isDealStale({ ...rotting, status: 'won', stageEnteredAt: NOW - 400 * DAY }, NOW)).toBe(
      false,
    );
  });

  it('never calls a deal stale when its stage has no rotting days', () => {
    expect(
      isDealStale({ ...rotting, rottingDays: null, stageEnteredAt: NOW - 400 * DAY }, NOW),
    ).toBe(false);
  });
});

describe('daysSince', () => {
  it('counts whole days, rounded down, and never below zero', () => {
    expect(daysSince(NOW - 36 * HOUR, NOW)).toBe(1); // 1.5 days → 1
    expect(daysSince(NOW - 2 * DAY, NOW)).toBe(2);
    expect(daysSince(NOW - 2 * DAY + 1, NOW)).toBe(1); // 1 ms short of 2 days
    expect(daysSince(NOW - HOUR, NOW)).toBe(0);
    expect(daysSince(NOW + 5 * DAY, NOW)).toBe(0); // in the future
  });
});
