/** Who a demo deal is with, what it is for, what it is worth, and how its life goes. */
import type { DealInput } from '../services/deals/deal.service.js';
import type { DealContactLink } from '../domain/deal.js';
import { OFFERINGS, SOURCES, TITLE_SUFFIXES, WARM_SOURCES } from './deal-catalog.js';
import {
  type PathWorld,
  type PlannedActivity,
  type PlannedStep,
  planDealPath,
} from './deal-path.js';
import type { DemoCompany } from './directory.js';
import { GULF_COUNTRIES } from './companies.js';
import { amountInCurrency, dealCurrencyFor } from './money.js';
import type { Script } from './names.js';
import { chance, type Random, pick, pickWeighted, randomBetween, randomInt } from './random.js';
import type { DemoMember } from './team.js';
import { DAY_MS, toWorkingTime } from './time.js';

export interface DemoWorld extends PathWorld {
  /** Deals open between `start` and a few days before `now`. */
  start: number;
  baseCurrency: string;
  team: DemoMember[];
  companies: DemoCompany[];
}

export interface DealPlan {
  create: DealInput & { ownerId: string; openedAt: number };
  companyId: string;
  /** The contact the deal's calls and meetings are with. */
  contactId: string | null;
  steps: PlannedStep[];
  activities: PlannedActivity[];
}

/**
 * Recent months hold more deals than old ones (a growing team): the age is the span times u^1.5,
 * so about a quarter of the deals are older than 12 months out of 18.
 */
const RECENCY_SKEW = 1.5;
const MIN_AGE_MS = 3 * DAY_MS;

function titleScript(random: Random, company: DemoCompany): Script {
  if (company.script === 'ar') return chance(random, 0.9) ? 'ar' : 'en';
  if (GULF_COUNTRIES.has(company.country)) return chance(random, 0.4) ? 'ar' : 'en';
  return chance(random, 0.05) ? 'ar' : 'en';
}

function pickDealOwner(random: Random, world: DemoWorld, company: DemoCompany): string {
  if (chance(random, 0.75) && world.team.some((m) => m.id === company.ownerId)) {
    return company.ownerId;
  }
  return pickWeighted(
    random,
    world.team.map((m) => [m.id, m.role === 'rep' ? 2 : 1] as const),
  );
}

function pickContacts(random: Random, company: DemoCompany): DealContactLink[] {
  const primary = pick(random, company.contacts);
  const links: DealContactLink[] = [{ contactId: primary.id, role: primary.role }];
  const decisionMaker = company.contacts.find((c) => c.role === 'decision_maker');
  if (decisionMaker && decisionMaker !== primary && chance(random, 0.4)) {
    links.push({ contactId: decisionMaker.id, role: decisionMaker.role });
  }
  return links;
}

export function planDemoDeal(random: Random, world: DemoWorld): DealPlan {
  const company = pick(random, world.companies);
  const script = titleScript(random, company);
  const ownerId = pickDealOwner(random, world, company);
  const offering = pick(random, OFFERINGS);
  const suffix = chance(random, 0.12) ? ` (${pick(random, TITLE_SUFFIXES)[script]})` : '';
  const title = `${offering.title[script]}${suffix} – ${company.name}`;
  const currency = dealCurrencyFor(random, company.country, world.baseCurrency);
  const [low, high] = offering.usd;
  const usd = Math.exp(randomBetween(random, Math.log(low), Math.log(high)));
  const estimateMinor = amountInCurrency(usd, currency);
  const source = pickWeighted(random, SOURCES);
  const span = world.now - MIN_AGE_MS - world.start;
  const age = MIN_AGE_MS + span * random.next() ** RECENCY_SKEW;
  const openedAt = toWorkingTime(random, world.now - age);
  const lastOpenIndex = world.openStages.length - 1;
  const startIndex =
    WARM_SOURCES.has(source) && chance(random, 0.6)
      ? Math.min(randomInt(random, 1, 2), lastOpenIndex)
      : 0;
  const hasCompany = startIndex > 0 || chance(random, 0.8);
  const plannedContacts = pickContacts(random, company);
  const contacts = hasCompany && chance(random, 0.9) ? plannedContacts : [];
  const amountMinor = chance(random, 0.4) ? estimateMinor : null;
  const path = planDealPath(random, world, {
    openedAt,
    startIndex,
    script,
    currency,
    company,
    estimateMinor,
    amountMinor,
    companyId: hasCompany ? company.id : null,
    contacts,
    plannedContacts,
  });
  const startStage = world.openStages[startIndex];
  return {
    create: {
      title,
      ownerId,
      stageId: startStage?.id,
      companyId: hasCompany ? company.id : null,
      contacts,
      amountMinor,
      currency,
      amountSource: 'estimate',
      source,
      openedAt,
    },
    companyId: company.id,
    contactId: plannedContacts[0]?.contactId ?? null,
    ...path,
  };
}
