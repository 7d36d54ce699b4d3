import { describe, expect, it } from 'vitest';
import { type ReviewFacts, reviewSectionsOf, slipOf } from './review.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-04-01T09:00:00Z');

describe('slipOf', () => {
  it('counts only moves to a later date inside the window', () => {
    const at = NOW - DAY;
    expect(
      slipOf(
        [
          { from: '2026-03-01', to: '2026-03-15', at },
          { from: '2026-03-15', to: '2026-04-01', at },
          { from: '2026-04-01', to: '2026-03-20', at }, // brought forward
          { from: null, to: '2026-05-01', at }, // first set
          { from: '2026-05-01', to: null, at }, // cleared
          { from: '2026-01-01', to: '2026-02-01', at: NOW - 100 * DAY }, // too long ago
        ],
        NOW - 90 * DAY,
      ),
    ).toEqual({ pushes: 2, daysPushed: 14 + 17 });
  });
});

describe('reviewSectionsOf', () => {
  const base: ReviewFacts = {
    status: 'open',
    rottingDays: 14,
    stageEnteredAt: NOW - 2 * DAY,
    lastActivityAt: null,
    nextDueAt: NOW + DAY,
    expectedCloseDate: '2026-04-30',
    amountMinor: null,
    valueVerifiedAt: null,
    slip: { pushes: 0, daysPushed: 0 },
  };

  it('finds nothing wrong with a fresh, planned, dated deal', () => {
    expect(reviewSectionsOf(base, NOW, '2026-04-01')).toEqual([]);
  });

  it('names every problem at once', () => {
    const deal: ReviewFacts = {
      ...base,
      stageEnteredAt: NOW - 20 * DAY,
      nextDueAt: null,
      expectedCloseDate: '2026-03-31',
      amountMinor: 5_000,
      slip: { pushes: 1, daysPushed: 7 },
    };
    expect(reviewSectionsOf(deal, NOW, '2026-04-01')).toEqual([
      'stale',
      'overdue',
      'noNextStep',
      'valueUnverified',
      'slipping',
    ]);
  });

  it('treats a close date of today as not overdue, and a verified amount as fine', () => {
    const deal = {
      ...base,
      expectedCloseDate: '2026-04-01',
      amountMinor: 5_000,
      valueVerifiedAt: NOW,
    };
    expect(reviewSectionsOf(deal, NOW, '2026-04-01')).toEqual([]);
  });

  it('a next step overdue still counts as one (not noNextStep), but does not stop rotting', () => {
    const deal = { ...base, stageEnteredAt: NOW - 20 * DAY, nextDueAt: NOW - DAY };
    expect(reviewSectionsOf(deal, NOW, '2026-04-01')).toEqual(['stale']);
  });

  it('has nothing to say about a closed deal', () => {
    expect(
      reviewSectionsOf({ ...base, status: 'won', nextDueAt: null }, NOW, '2026-04-01'),
    ).toEqual([]);
  });
});
