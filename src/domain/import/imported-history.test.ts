import { describe, expect, it } from 'vitest';
import { planImportedHistory } from './imported-history.js';

const opened = Date.parse('2016-10-20T00:00:00Z');
const closed = Date.parse('2017-03-01T00:00:00Z');
const base = {
  reachedStageId: 'proposal',
  wonStageId: 'follow_up',
  openedAt: opened,
  lostReasonId: null,
  lostNote: null,
};

describe('planImportedHistory', () => {
  it('opens an open deal in its stage on its opening day, with one history row', () => {
    const state = planImportedHistory({ ...base, status: 'open', closedAt: null });
    expect(state).toMatchObject({ stageId: 'proposal', status: 'open', stageEnteredAt: opened });
    expect(state.history).toEqual([
      expect.objectContaining({ fromStageId: null, toStageId: 'proposal', at: opened }),
    ]);
  });

  it('moves a won deal into the won stage on its closing day', () => {
    const state = planImportedHistory({ ...base, status: 'won', closedAt: closed });
    expect(state).toMatchObject({ stageId: 'follow_up', status: 'won', closedAt: closed });
    expect(state.history.map((h) => [h.fromStageId, h.toStageId, h.toStatus, h.at])).toEqual([
      [null, 'proposal', 'open', opened],
      ['proposal', 'follow_up', 'won', closed],
    ]);
  });

  it('loses a lost deal in the stage it reached, with its reason', () => {
    const state = planImportedHistory({
      ...base,
      status: 'lost',
      closedAt: closed,
      lostReasonId: 'price',
      lostNote: 'too dear',
    });
    expect(state).toMatchObject({ stageId: 'proposal', status: 'lost', lostReasonId: 'price' });
    expect(state.history[1]).toMatchObject({
      fromStageId: 'proposal',
      toStageId: 'proposal',
      fromStatus: 'open',
      toStatus: 'lost',
      lostReasonId: 'price',
      reason: 'too dear',
    });
  });
});
