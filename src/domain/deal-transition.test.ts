import { describe, expect, it } from 'vitest';
import type { DealState, DealStatus } from './deal.js';
import { planLoss, planReopen, planStageMove, planWin } from './deal-transition.js';
import { DomainError } from './errors.js';
import { DEFAULT_STAGES, type Stage } from './stage.js';

const NOW = Date.UTC(2025, 2, 14, 9, 30); // 2025-03-14T09:30Z
const EARLIER = Date.UTC(2025, 0, 2);

const idOf = (key: string) => `stage-${key}`;

/** The default pipeline as data, each stage with an id; `changes` patches stages by key. */
function defaultStages(changes: Record<string, Partial<Stage>> = {}): Stage[] {
  return DEFAULT_STAGES.map((seed) => ({
    ...seed,
    exitCriteria: [...seed.exitCriteria],
    id: idOf(seed.key),
    pipelineId: 'pipeline-1',
    archived: false,
    ...changes[seed.key],
  }));
}

/** A deal with nothing filled in: no amount, date, company, contacts or next step. */
function bareDeal(stageKey: string, status: DealStatus = 'open'): DealState {
  return {
    stageId: idOf(stageKey),
    pipelineId: 'pipeline-1',
    status,
    closedAt: status === 'open' ? null : EARLIER,
    amountMinor: null,
    expectedCloseDate: null,
    companyId: null,
    contactCount: 0,
    hasDecisionMaker: false,
    hasNextStep: false,
  };
}

/** A deal with every exit criterion of the default pipeline met. */
function completeDeal(stageKey: string, status: DealStatus = 'open'): DealState {
  return {
    ...bareDeal(stageKey, status),
    amountMinor: 500_000,
    expectedCloseDate: '2025-06-30',
    companyId: 'company-1',
    contactCount: 2,
    hasDecisionMaker: true,
    hasNextStep: true,
  };
}

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

const stages = defaultStages();

describe('planStageMove forward', () => {
  it('moves an open deal one stage on and writes the history row', () => {
    const transition = planStageMove(bareDeal('lead_generation'), stages, idOf('prospecting'), {
      now: NOW,
    });
    expect(transition).toEqual({
      stageId: idOf('prospecting'),
      status: 'open',
      closedAt: null,
      lostReasonId: null,
      lostNote: null,
      stageEnteredAt: NOW,
      change: {
        fromStageId: idOf('lead_generation'),
        toStageId: idOf('prospecting'),
        fromStatus: 'open',
        toStatus: 'open',
        at: NOW,
        reason: null,
        lostReasonId: null,
      },
    });
  });

  it('records an optional reason on a forward move, trimmed', () => {
    const transition = planStageMove(bareDeal('lead_generation'), stages, idOf('prospecting'), {
      now: NOW,
      reason: '  replied to the campaign  ',
    });
    expect(transition.change.reason).toBe('replied to the campaign');
    const blank = planStageMove(bareDeal('lead_generation'), stages, idOf('prospecting'), {
      now: NOW,
      reason: '   ',
    });
    expect(blank.change.reason).toBeNull();
  });

  it('checks the exit criteria of the stage it leaves', () => {
    // Qualification needs a company and a contact to leave.
    const error = domainErrorOf(() =>
      planStageMove(bareDeal('qualification'), stages, idOf('initial_contact'), { now: NOW }),
    );
    expect(error.code).toBe('EXIT_CRITERIA_UNMET');
    expect(error.details.map((d) => d.path)).toEqual([['companyId'], ['contactIds']]);
    expect(error.details.map((d) => d.code)).toEqual(['company', 'contact']);
    expect(error.details[0]?.message).toContain('qualification');
  });

  it('checks the exit criteria of every stage it skips', () => {
    // Qualification → Proposal skips Initial contact, whose criterion (amount) still applies.
    const deal = { ...bareDeal('qualification'), companyId: 'company-1', contactCount: 1 };
    const error = domainErrorOf(() => planStageMove(deal, stages, idOf('proposal'), { now: NOW }));
    expect(error.code).toBe('EXIT_CRITERIA_UNMET');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]?.path).toEqual(['amountMinor']);
    expect(error.details[0]?.message).toContain('initial_contact');
  });

  it('lists the unmet criteria of all left and skipped stages, in pipeline order', () => {
    // Lead generation → Negotiation leaves 1…5: qualification (company, contact),
    // initial_contact (amount), proposal (expectedCloseDate).
    const error = domainErrorOf(() =>
      planStageMove(bareDeal('lead_generation'), stages, idOf('negotiation'), { now: NOW }),
    );
    expect(error.code).toBe('EXIT_CRITERIA_UNMET');
    expect(error.details.map((d) => d.path)).toEqual([
      ['companyId'],
      ['contactIds'],
      ['amountMinor'],
      ['expectedCloseDate'],
    ]);
  });

  it('lets a deal skip stages when every skipped criterion is met', () => {
    const transition = planStageMove(completeDeal('lead_generation'), stages, idOf('negotiation'), {
      now: NOW,
    });
    expect(transition.stageId).toBe(idOf('negotiation'));
    expect(transition.status).toBe('open');
    expect(transition.change.fromStageId).toBe(idOf('lead_generation'));
    expect(transition.change.toStageId).toBe(idOf('negotiation'));
  });

  it("does not check the target stage's own exit criteria on entry", () => {
    // Proposal needs an expected close date to *leave*; entering it only needs the amount.
    const deal = { ...bareDeal('initial_contact'), amountMinor: 100 };
    const transition = planStageMove(deal, stages, idOf('proposal'), { now: NOW });
    expect(transition.stageId).toBe(idOf('proposal'));
  });

  it('ignores archived stages between the two, and reads order from positions, not array order', () => {
    // With Initial contact archived, Qualification → Proposal skips no active stage.
    const withArchived = defaultStages({ initial_contact: { archived: true } }).reverse();
    const deal = { ...bareDeal('qualification'), companyId: 'company-1', contactCount: 1 };
    const transition = planStageMove(deal, withArchived, idOf('proposal'), { now: NOW });
    expect(transition.stageId).toBe(idOf('proposal'));
    // The same move on the reversed but complete list still checks Initial contact.
    const error = domainErrorOf(() =>
      planStageMove(deal, [...stages].reverse(), idOf('proposal'), { now: NOW }),
    );
    expect(error.details.map((d) => d.path)).toEqual([['amountMinor']]);
  });
});

describe('planStageMove backward', () => {
  it('needs a reason', () => {
    for (const reason of [undefined, null, '', '   ']) {
      const error = domainErrorOf(() =>
        planStageMove(bareDeal('proposal'), stages, idOf('qualification'), { now: NOW, reason }),
      );
      expect(error.code).toBe('REASON_REQUIRED');
      expect(error.details.map((d) => d.path)).toEqual([['reason']]);
    }
  });

  it('is not a loss: the deal stays open, the reason is recorded, exit criteria are not checked', () => {
    // A bare deal could not leave Qualification forward, but it may come back to it.
    const transition = planStageMove(bareDeal('proposal'), stages, idOf('qualification'), {
      now: NOW,
      reason: ' decision maker left ',
    });
    expect(transition).toEqual({
      stageId: idOf('qualification'),
      status: 'open',
      closedAt: null,
      lostReasonId: null,
      lostNote: null,
      stageEnteredAt: NOW,
      change: {
        fromStageId: idOf('proposal'),
        toStageId: idOf('qualification'),
        fromStatus: 'open',
        toStatus: 'open',
        at: NOW,
        reason: 'decision maker left',
        lostReasonId: null,
      },
    });
  });
});

describe('planStageMove into the won stage', () => {
  it('wins the deal and closes it now', () => {
    const transition = planStageMove(completeDeal('negotiation'), stages, idOf('follow_up'), {
      now: NOW,
    });
    expect(transition.stageId).toBe(idOf('follow_up'));
    expect(transition.status).toBe('won');
    expect(transition.closedAt).toBe(NOW);
    expect(transition.change).toEqual({
      fromStageId: idOf('negotiation'),
      toStageId: idOf('follow_up'),
      fromStatus: 'open',
      toStatus: 'won',
      at: NOW,
      reason: null,
      lostReasonId: null,
    });
  });

  it('still checks the criteria of the stages it skips to get there', () => {
    // Qualification → Post-sale follow-up leaves qualification … negotiation.
    const deal = { ...bareDeal('qualification'), companyId: 'company-1', contactCount: 1 };
    const error = domainErrorOf(() => planStageMove(deal, stages, idOf('follow_up'), { now: NOW }));
    expect(error.code).toBe('EXIT_CRITERIA_UNMET');
    expect(error.details.map((d) => d.path)).toEqual([['amountMinor'], ['expectedCloseDate']]);
  });
});

describe('planStageMove refusals', () => {
  it('refuses to move a won or lost deal (DEAL_CLOSED)', () => {
    for (const status of ['won', 'lost'] as const) {
      const error = domainErrorOf(() =>
        planStageMove(completeDeal('proposal', status), stages, idOf('negotiation'), { now: NOW }),
      );
      expect(error.code).toBe('DEAL_CLOSED');
    }
  });

  it('refuses a move to the stage the deal is in (STAGE_UNCHANGED)', () => {
    const error = domainErrorOf(() =>
      planStageMove(completeDeal('proposal'), stages, idOf('proposal'), { now: NOW }),
    );
    expect(error.code).toBe('STAGE_UNCHANGED');
    expect(error.details.map((d) => d.path)).toEqual([['stageId']]);
  });

  it('refuses a stage of another pipeline (STAGE_NOT_IN_PIPELINE)', () => {
    const error = domainErrorOf(() =>
      planStageMove(completeDeal('proposal'), stages, 'stage-of-another-pipeline', { now: NOW }),
    );
    expect(error.code).toBe('STAGE_NOT_IN_PIPELINE');
    expect(error.details.map((d) => d.path)).toEqual([['stageId']]);
  });

  it('refuses an archived target stage (STAGE_ARCHIVED)', () => {
    const withArchived = defaultStages({ negotiation: { archived: true } });
    const error = domainErrorOf(() =>
      planStageMove(completeDeal('proposal'), withArchived, idOf('negotiation'), { now: NOW }),
    );
    expect(error.code).toBe('STAGE_ARCHIVED');
  });
});

describe('planWin', () => {
  it("moves the deal into the pipeline's won stage", () => {
    const transition = planWin(completeDeal('negotiation'), stages, {
      now: NOW,
      reason: 'signed',
    });
    expect(transition.stageId).toBe(idOf('follow_up'));
    expect(transition.status).toBe('won');
    expect(transition.closedAt).toBe(NOW);
    expect(transition.change.fromStageId).toBe(idOf('negotiation'));
    expect(transition.change.toStageId).toBe(idOf('follow_up'));
    expect(transition.change.toStatus).toBe('won');
    expect(transition.change.reason).toBe('signed');
  });

  it('picks the first active won stage by position', () => {
    const extraWon: Stage = { ...stages[6]!, id: 'stage-renewal', key: 'renewal', position: 8 };
    const withTwoWon = [extraWon, ...defaultStages()];
    expect(planWin(completeDeal('negotiation'), withTwoWon, { now: NOW }).stageId).toBe(
      idOf('follow_up'),
    );
    const firstArchived = [extraWon, ...defaultStages({ follow_up: { archived: true } })];
    expect(planWin(completeDeal('negotiation'), firstArchived, { now: NOW }).stageId).toBe(
      'stage-renewal',
    );
  });

  it('fails with NO_WON_STAGE when the pipeline has no active won stage', () => {
    const onlyOpen = stages.filter((s) => s.kind === 'open');
    expect(
      domainErrorOf(() => planWin(completeDeal('proposal'), onlyOpen, { now: NOW })).code,
    ).toBe('NO_WON_STAGE');
    const wonArchived = defaultStages({ follow_up: { archived: true } });
    expect(
      domainErrorOf(() => planWin(completeDeal('proposal'), wonArchived, { now: NOW })).code,
    ).toBe('NO_WON_STAGE');
  });

  it('keeps the exit-criteria and closed-deal rules of a move', () => {
    // Proposal → won leaves Proposal (expected close date) and Negotiation (none).
    const noDate = { ...completeDeal('proposal'), expectedCloseDate: null };
    const unmet = domainErrorOf(() => planWin(noDate, stages, { now: NOW }));
    expect(unmet.code).toBe('EXIT_CRITERIA_UNMET');
    expect(unmet.details.map((d) => d.path)).toEqual([['expectedCloseDate']]);
    const lost = completeDeal('proposal', 'lost');
    expect(domainErrorOf(() => planWin(lost, stages, { now: NOW })).code).toBe('DEAL_CLOSED');
  });
});

describe('planLoss', () => {
  it('keeps the stage and records the lost reason and note', () => {
    const transition = planLoss(completeDeal('proposal'), {
      now: NOW,
      lostReasonId: 'lost-reason-price',
      note: '  went with a cheaper vendor  ',
    });
    expect(transition.stageId).toBe(idOf('proposal'));
    expect(transition.status).toBe('lost');
    expect(transition.closedAt).toBe(NOW);
    expect(transition.lostReasonId).toBe('lost-reason-price');
    expect(transition.lostNote).toBe('went with a cheaper vendor');
    // "Lost at Proposal because of price" is answerable from the history row alone.
    expect(transition.change).toEqual({
      fromStageId: idOf('proposal'),
      toStageId: idOf('proposal'),
      fromStatus: 'open',
      toStatus: 'lost',
      at: NOW,
      reason: 'went with a cheaper vendor',
      lostReasonId: 'lost-reason-price',
    });
  });

  it('stores no note when none or only blanks are given', () => {
    for (const note of [undefined, null, '', '  ']) {
      const transition = planLoss(completeDeal('proposal'), { now: NOW, lostReasonId: 'r', note });
      expect(transition.lostNote).toBeNull();
      expect(transition.change.reason).toBeNull();
      expect(transition.change.lostReasonId).toBe('r');
    }
  });

  it('refuses to lose a deal that is already closed', () => {
    for (const status of ['won', 'lost'] as const) {
      const error = domainErrorOf(() =>
        planLoss(completeDeal('proposal', status), { now: NOW, lostReasonId: 'r' }),
      );
      expect(error.code).toBe('DEAL_CLOSED');
    }
  });
});

describe('planReopen', () => {
  it('sends a lost deal back to the stage it was lost at', () => {
    const lost = { ...completeDeal('proposal', 'lost') };
    const transition = planReopen(lost, stages, {
      now: NOW,
      reason: '  budget approved after all ',
    });
    expect(transition).toEqual({
      stageId: idOf('proposal'),
      status: 'open',
      closedAt: null,
      lostReasonId: null,
      lostNote: null,
      stageEnteredAt: NOW,
      change: {
        fromStageId: idOf('proposal'),
        toStageId: idOf('proposal'),
        fromStatus: 'lost',
        toStatus: 'open',
        at: NOW,
        reason: 'budget approved after all',
        lostReasonId: null,
      },
    });
  });

  it('sends a won deal to the last open stage by default', () => {
    const won = completeDeal('follow_up', 'won');
    const transition = planReopen(won, stages, { now: NOW, reason: 'contract cancelled' });
    expect(transition.stageId).toBe(idOf('negotiation'));
    expect(transition.status).toBe('open');
    expect(transition.closedAt).toBeNull();
    expect(transition.change).toEqual({
      fromStageId: idOf('follow_up'),
      toStageId: idOf('negotiation'),
      fromStatus: 'won',
      toStatus: 'open',
      at: NOW,
      reason: 'contract cancelled',
      lostReasonId: null,
    });
  });

  it('sends a reopened deal to a given open stage', () => {
    const won = completeDeal('follow_up', 'won');
    const transition = planReopen(won, stages, {
      now: NOW,
      reason: 'scope changed',
      toStageId: idOf('qualification'),
    });
    expect(transition.stageId).toBe(idOf('qualification'));
    expect(transition.change.toStageId).toBe(idOf('qualification'));
    const lost = completeDeal('proposal', 'lost');
    expect(
      planReopen(lost, stages, { now: NOW, reason: 'back', toStageId: idOf('prospecting') })
        .stageId,
    ).toBe(idOf('prospecting'));
  });

  it('refuses a given won or archived stage (VALIDATION_FAILED on toStageId)', () => {
    const won = completeDeal('follow_up', 'won');
    const intoWon = domainErrorOf(() =>
      planReopen(won, stages, { now: NOW, reason: 'x', toStageId: idOf('follow_up') }),
    );
    expect(intoWon.code).toBe('VALIDATION_FAILED');
    expect(intoWon.details.map((d) => d.path)).toEqual([['toStageId']]);
    const archived = defaultStages({ proposal: { archived: true } });
    const intoArchived = domainErrorOf(() =>
      planReopen(won, archived, { now: NOW, reason: 'x', toStageId: idOf('proposal') }),
    );
    expect(intoArchived.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a stage outside the pipeline', () => {
    const lost = completeDeal('proposal', 'lost');
    const error = domainErrorOf(() =>
      planReopen(lost, stages, { now: NOW, reason: 'x', toStageId: 'stage-elsewhere' }),
    );
    expect(error.code).toBe('STAGE_NOT_IN_PIPELINE');
  });

  it('falls back to the last open stage when the lost stage has since been archived', () => {
    const archived = defaultStages({ proposal: { archived: true } });
    const lost = completeDeal('proposal', 'lost');
    expect(planReopen(lost, archived, { now: NOW, reason: 'x' }).stageId).toBe(idOf('negotiation'));
  });

  it('needs a reason', () => {
    for (const reason of [undefined, null, '', ' \t ']) {
      const error = domainErrorOf(() =>
        planReopen(completeDeal('proposal', 'lost'), stages, { now: NOW, reason }),
      );
      expect(error.code).toBe('REASON_REQUIRED');
      expect(error.details.map((d) => d.path)).toEqual([['reason']]);
    }
  });

  it('refuses to reopen an open deal (DEAL_NOT_CLOSED)', () => {
    const error = domainErrorOf(() =>
      planReopen(completeDeal('proposal'), stages, { now: NOW, reason: 'x' }),
    );
    expect(error.code).toBe('DEAL_NOT_CLOSED');
  });
});
