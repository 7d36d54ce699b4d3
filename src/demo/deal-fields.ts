/** What a demo rep fills in on a deal so it can leave a stage, as the exit criteria ask. */
import type { ExitCriterion, Stage } from '../domain/stage.js';
import type { DealPatch } from '../services/deals/deal.service.js';
import type { DealContactLink } from '../domain/deal.js';
import type { DemoCompany } from './directory.js';
import { scaleAmount } from './money.js';
import { type Random, randomBetween, randomInt } from './random.js';
import { DAY_MS, isoDay } from './time.js';

/** The fields of a deal as the plan has set them so far. */
export interface DealFacts {
  amountMinor: number | null;
  amountSource: 'estimate' | 'quoted' | 'signed';
  closeDate: string | null;
  companyId: string | null;
  contacts: DealContactLink[];
}

interface DealToFill {
  company: DemoCompany;
  currency: string;
  /** The amount the rep estimates once one is needed. */
  estimateMinor: number;
  /** The contacts the deal gets once a stage asks for them. */
  plannedContacts: DealContactLink[];
}

type StageFields = Pick<Stage, 'exitCriteria' | 'forecastCategory'>;

/**
 * The patch a rep makes on entering `stage`: what the stages the deal will leave require
 * (amount, expected close date, company, contacts, a decision maker), plus a quote replacing
 * the estimate when the deal first reaches a best-case or commit stage. Updates `facts`.
 * @example entering Proposal with an estimate of 50,000 → { amountMinor: 55,000, amountSource:
 *   'quoted', expectedCloseDate: '2026-04-20' }
 */
export function fillDealFields(
  random: Random,
  facts: DealFacts,
  deal: DealToFill,
  visit: { stage: StageFields | undefined; leaving: StageFields[]; enteredAt: number },
): DealPatch {
  const patch: DealPatch = {};
  const criteria = new Set<ExitCriterion>(visit.leaving.flatMap((s) => s.exitCriteria));
  if (
    visit.stage &&
    visit.stage.forecastCategory !== 'pipeline' &&
    facts.amountSource === 'estimate'
  ) {
    facts.amountMinor = scaleAmount(
      facts.amountMinor ?? deal.estimateMinor,
      deal.currency,
      randomBetween(random, 0.85, 1.15),
    );
    facts.amountSource = 'quoted';
    Object.assign(patch, { amountMinor: facts.amountMinor, amountSource: 'quoted' });
    criteria.add('expectedCloseDate');
  }
  if (criteria.has('amount') && facts.amountMinor === null) {
    facts.amountMinor = deal.estimateMinor;
    Object.assign(patch, { amountMinor: facts.amountMinor, amountSource: 'estimate' });
  }
  if (criteria.has('expectedCloseDate') && facts.closeDate === null) {
    facts.closeDate = isoDay(visit.enteredAt + randomInt(random, 20, 75) * DAY_MS);
    patch.expectedCloseDate = facts.closeDate;
  }
  if ((criteria.has('company') || criteria.has('contact')) && facts.companyId === null) {
    facts.companyId = deal.company.id;
    patch.companyId = facts.companyId;
  }
  const needsContact = criteria.has('contact') && facts.contacts.length === 0;
  const needsDecisionMaker =
    criteria.has('decisionMaker') && !facts.contacts.some((c) => c.role === 'decision_maker');
  if (needsContact || needsDecisionMaker) {
    const links = needsContact ? [...deal.plannedContacts] : [...facts.contacts];
    const decisionMaker = deal.company.contacts.find((c) => c.role === 'decision_maker');
    if (needsDecisionMaker && decisionMaker && !links.some((c) => c.role === 'decision_maker')) {
      links.push({ contactId: decisionMaker.id, role: 'decision_maker' });
    }
    facts.contacts = links;
    patch.contacts = links;
  }
  return patch;
}
