import type { ErrorDetail } from './errors.js';
import {
  isPartKnown,
  NO_QUALIFICATION,
  QUALIFIED_SCORE,
  type Qualification,
  qualificationScore,
} from './qualification.js';
import type { ExitCriterion, Stage } from './stage.js';

/** What the exit-criteria check needs to know about a deal. */
export interface DealFacts {
  amountMinor: number | null;
  expectedCloseDate: string | null;
  companyId: string | null;
  contactCount: number;
  hasDecisionMaker: boolean;
  hasNextStep: boolean;
  /** The deal's BANT card; none filled in when absent. */
  qualification?: Qualification;
}

const FIELD_OF: Record<ExitCriterion, readonly string[]> = {
  amount: ['amountMinor'],
  expectedCloseDate: ['expectedCloseDate'],
  company: ['companyId'],
  contact: ['contactIds'],
  decisionMaker: ['contactIds'],
  nextStep: ['nextStep'],
  need: ['qualification', 'need'],
  budget: ['qualification', 'budget'],
  authority: ['qualification', 'authority'],
  timing: ['qualification', 'timing'],
  qualified: ['qualification'],
};

const MESSAGE_OF: Record<ExitCriterion, string> = {
  amount: 'An amount is required',
  expectedCloseDate: 'An expected close date is required',
  company: 'A company is required',
  contact: 'At least one contact is required',
  decisionMaker: 'A contact with the decision-maker role is required',
  nextStep: 'A scheduled next step (open activity) is required',
  need: 'The need must be known (medium or high confidence)',
  budget: 'The budget must be known (medium or high confidence)',
  authority: 'Who decides must be known (medium or high confidence)',
  timing: 'The timing must be known (medium or high confidence)',
  qualified: `A qualification score of at least ${QUALIFIED_SCORE} is required`,
};

export function isCriterionMet(criterion: ExitCriterion, deal: DealFacts): boolean {
  switch (criterion) {
    case 'amount':
      return deal.amountMinor !== null && deal.amountMinor > 0;
    case 'expectedCloseDate':
      return deal.expectedCloseDate !== null;
    case 'company':
      return deal.companyId !== null;
    case 'contact':
      return deal.contactCount > 0;
    case 'decisionMaker':
      return deal.hasDecisionMaker;
    case 'nextStep':
      return deal.hasNextStep;
    case 'need':
    case 'budget':
    case 'authority':
    case 'timing':
      return isPartKnown((deal.qualification ?? NO_QUALIFICATION)[criterion]);
    case 'qualified':
      return qualificationScore(deal.qualification ?? NO_QUALIFICATION) >= QUALIFIED_SCORE;
  }
}

/**
 * The unmet exit criteria of every stage a forward move leaves or skips over, as field errors.
 * Moving from Qualification straight to Proposal must satisfy Qualification's and Initial
 * contact's criteria: skipping a stage does not skip its checks.
 */
export function unmetExitCriteria(
  deal: DealFacts,
  stagesLeft: Pick<Stage, 'key' | 'exitCriteria'>[],
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<ExitCriterion>();
  for (const stage of stagesLeft) {
    for (const criterion of stage.exitCriteria) {
      if (seen.has(criterion) || isCriterionMet(criterion, deal)) continue;
      seen.add(criterion);
      details.push({
        path: [...FIELD_OF[criterion]],
        message: `${MESSAGE_OF[criterion]} to leave stage ${stage.key}`,
        code: criterion,
      });
    }
  }
  return details;
}
