import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DealFacts, isCriterionMet, unmetExitCriteria } from './exit-criteria.js';
import { EXIT_CRITERIA, type ExitCriterion } from './stage.js';

const EMPTY: DealFacts = {
  amountMinor: null,
  expectedCloseDate: null,
  companyId: null,
  contactCount: 0,
  hasDecisionMaker: false,
  hasNextStep: false,
};

const FULL: DealFacts = {
  amountMinor: 125_000,
  expectedCloseDate: '2025-09-30',
  companyId: 'company-1',
  contactCount: 3,
  hasDecisionMaker: true,
  hasNextStep: true,
  qualification: {
    need: { value: 'Replace spreadsheets', confidence: 'high' },
    budget: { value: 'Approved', confidence: 'high' },
    authority: { value: 'The CFO', confidence: 'medium' },
    timing: { value: 'This quarter', confidence: 'high' },
  },
};

describe('isCriterionMet', () => {
  it('amount: a positive amount, not null, not zero', () => {
    expect(isCriterionMet('amount', EMPTY)).toBe(false);
    expect(isCriterionMet('amount', { ...EMPTY, amountMinor: 0 })).toBe(false);
    expect(isCriterionMet('amount', { ...EMPTY, amountMinor: -100 })).toBe(false);
    expect(isCriterionMet('amount', { ...EMPTY, amountMinor: 1 })).toBe(true);
  });

  it('expectedCloseDate: any date', () => {
    expect(isCriterionMet('expectedCloseDate', EMPTY)).toBe(false);
    expect(isCriterionMet('expectedCloseDate', { ...EMPTY, expectedCloseDate: '2025-01-31' })).toBe(
      true,
    );
  });

  it('company: a linked company', () => {
    expect(isCriterionMet('company', EMPTY)).toBe(false);
    expect(isCriterionMet('company', { ...EMPTY, companyId: 'c1' })).toBe(true);
  });

  it('contact: at least one contact', () => {
    expect(isCriterionMet('contact', EMPTY)).toBe(false);
    expect(isCriterionMet('contact', { ...EMPTY, contactCount: 1 })).toBe(true);
  });

  it('decisionMaker: a contact in the decision-maker role (contacts alone are not enough)', () => {
    expect(isCriterionMet('decisionMaker', { ...EMPTY, contactCount: 4 })).toBe(false);
    expect(isCriterionMet('decisionMaker', { ...EMPTY, hasDecisionMaker: true })).toBe(true);
  });

  it('nextStep: a scheduled next step', () => {
    expect(isCriterionMet('nextStep', EMPTY)).toBe(false);
    expect(isCriterionMet('nextStep', { ...EMPTY, hasNextStep: true })).toBe(true);
  });

  it('need, budget, authority, timing: an answer at least fairly sure of (a guess is not enough)', () => {
    const guessed = {
      ...EMPTY,
      qualification: {
        ...FULL.qualification!,
        budget: { value: 'Maybe', confidence: 'low' as const },
      },
    };
    expect(isCriterionMet('budget', guessed)).toBe(false);
    expect(isCriterionMet('need', guessed)).toBe(true);
    expect(isCriterionMet('budget', EMPTY)).toBe(false);
  });

  it('qualified: a score of 75 or more', () => {
    // 25 + 8.3 + 16.7 + 25 = 75
    const q = {
      need: { value: 'n', confidence: 'high' as const },
      budget: { value: 'b', confidence: 'low' as const },
      authority: { value: 'a', confidence: 'medium' as const },
      timing: { value: 't', confidence: 'high' as const },
    };
    expect(isCriterionMet('qualified', { ...EMPTY, qualification: q })).toBe(true);
    expect(isCriterionMet('qualified', { ...EMPTY, qualification: { ...q, timing: null } })).toBe(
      false,
    );
  });

  it('every criterion is met by a complete deal and unmet by an empty one', () => {
    for (const criterion of EXIT_CRITERIA) {
      expect(isCriterionMet(criterion, FULL), criterion).toBe(true);
      expect(isCriterionMet(criterion, EMPTY), criterion).toBe(false);
    }
  });
});

describe('unmetExitCriteria', () => {
  it('names the field of every unmet criterion, in the order the stage lists them', () => {
    const details = unmetExitCriteria(EMPTY, [
      { key: 'proposal', exitCriteria: [...EXIT_CRITERIA] },
    ]);
    expect(details.map((d) => d.path)).toEqual([
      ['amountMinor'],
      ['expectedCloseDate'],
      ['companyId'],
      ['contactIds'],
      ['contactIds'], // the decision maker is one of the deal's contacts
      ['nextStep'],
      ['qualification', 'need'],
      ['qualification', 'budget'],
      ['qualification', 'authority'],
      ['qualification', 'timing'],
      ['qualification'],
    ]);
    expect(details.map((d) => d.code)).toEqual([...EXIT_CRITERIA]);
    for (const detail of details) expect(detail.message).toContain('proposal');
  });

  it('reports nothing for met criteria or a stage without criteria', () => {
    expect(
      unmetExitCriteria(FULL, [{ key: 'proposal', exitCriteria: [...EXIT_CRITERIA] }]),
    ).toEqual([]);
    expect(unmetExitCriteria(EMPTY, [{ key: 'lead_generation', exitCriteria: [] }])).toEqual([]);
    expect(unmetExitCriteria(EMPTY, [])).toEqual([]);
  });

  it('reports only the unmet ones among a mix', () => {
    const deal = { ...EMPTY, companyId: 'c1', amountMinor: 10 };
    const details = unmetExitCriteria(deal, [
      { key: 'qualification', exitCriteria: ['company', 'contact'] },
      { key: 'initial_contact', exitCriteria: ['amount', 'nextStep'] },
    ]);
    expect(details.map((d) => d.code)).toEqual(['contact', 'nextStep']);
    expect(details[0]?.message).toContain('qualification');
    expect(details[1]?.message).toContain('initial_contact');
  });

  it('reports a criterion shared by several stages once, under the first stage', () => {
    const details = unmetExitCriteria(EMPTY, [
      { key: 'qualification', exitCriteria: ['company', 'contact'] },
      { key: 'initial_contact', exitCriteria: ['company', 'amount', 'contact'] },
      { key: 'proposal', exitCriteria: ['amount'] },
    ]);
    expect(details.map((d) => d.code)).toEqual(['company', 'contact', 'amount']);
    expect(details.map((d) => d.message.split(' ').at(-1))).toEqual([
      'qualification',
      'qualification',
      'initial_contact',
    ]);
  });

  it('property: exactly the distinct unmet criteria are reported, each once', () => {
    const factsArb: fc.Arbitrary<DealFacts> = fc.record({
      amountMinor: fc.option(fc.integer({ min: -10, max: 10 })),
      expectedCloseDate: fc.option(fc.constant('2025-12-31')),
      companyId: fc.option(fc.constant('c1')),
      contactCount: fc.integer({ min: 0, max: 3 }),
      hasDecisionMaker: fc.boolean(),
      hasNextStep: fc.boolean(),
    });
    const stagesArb = fc.array(
      fc.record({
        key: fc.constantFrom('a', 'b', 'c'),
        exitCriteria: fc.array(fc.constantFrom(...EXIT_CRITERIA), { maxLength: 6 }),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(factsArb, stagesArb, (deal, stagesLeft) => {
        const required = new Set<ExitCriterion>(stagesLeft.flatMap((s) => s.exitCriteria));
        const expected = [...required].filter((c) => !isCriterionMet(c, deal)).sort();
        const reported = unmetExitCriteria(deal, stagesLeft).map((d) => d.code ?? '');
        expect([...reported].sort()).toEqual(expected);
      }),
    );
  });
});
