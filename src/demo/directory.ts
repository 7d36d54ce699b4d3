/**
 * The demo's companies and their contacts, created through the company and contact use-cases
 * by each account's owner, at a time before the first deal.
 */
import { createCompany } from '../services/records/company.service.js';
import type { ContactRole } from '../services/records/contact.service.js';
import { createContact } from '../services/records/contact.service.js';
import type { ServiceContext } from '../services/context.service.js';
import { demoMobileNumber } from './channels.js';
import { DEMO_COMPANIES, type DemoCompanySeed, GULF_COUNTRIES, isArabicText } from './companies.js';
import { pickContactRole, pickJobTitle } from './job-titles.js';
import { emailLocalPart, makePersonName, type NameStyle, type Script } from './names.js';
import { chance, type Random, pickWeighted, randomBetween } from './random.js';
import type { DemoMember } from './team.js';
import { MINUTE_MS, toWorkingTime } from './time.js';

export interface DemoContact {
  id: string;
  name: string;
  role: ContactRole;
}

export interface DemoCompany {
  id: string;
  name: string;
  /** The script of the company's name: its deals are mostly titled in the same language. */
  script: Script;
  country: string;
  ownerId: string;
  /** The first contact is the company's decision maker. */
  contacts: DemoContact[];
}

const CONTACTS_PER_COMPANY: readonly (readonly [number, number])[] = [
  [1, 2],
  [2, 5],
  [3, 3],
];

function nameStylesFor(seed: DemoCompanySeed): readonly (readonly [NameStyle, number])[] {
  if (isArabicText(seed.name)) {
    return [
      ['arabic', 3],
      ['arab-latin', 1],
    ];
  }
  if (GULF_COUNTRIES.has(seed.country)) {
    return [
      ['arabic', 4],
      ['arab-latin', 4],
      ['international', 2],
    ];
  }
  return [
    ['international', 6],
    ['arab-latin', 1],
  ];
}

/** Reps mostly own accounts in their own language; managers carry fewer accounts. */
function pickOwner(random: Random, team: DemoMember[], script: Script): DemoMember {
  return pickWeighted(
    random,
    team.map((m) => [m, (m.locale === script ? 3 : 1) * (m.role === 'rep' ? 2 : 1)] as const),
  );
}

/** The context of `member` acting at `now`. */
export function actingAs(ctx: ServiceContext, member: DemoMember, now: number): ServiceContext {
  return {
    db: ctx.db,
    now,
    actor: { workspaceId: ctx.actor.workspaceId, userId: member.id, role: member.role },
  };
}

async function createDemoContacts(
  ctx: ServiceContext,
  random: Random,
  company: DemoCompany,
  seed: DemoCompanySeed & { domain: string; owner: DemoMember; createdAt: number },
): Promise<void> {
  const count = pickWeighted(random, CONTACTS_PER_COMPANY);
  const usedEmails = new Set<string>();
  for (let index = 0; index < count; index += 1) {
    const person = makePersonName(random, pickWeighted(random, nameStylesFor(seed)));
    let local = emailLocalPart(person.latin);
    if (usedEmails.has(local)) local = `${local}${index + 1}`;
    usedEmails.add(local);
    const role = pickContactRole(random, index === 0);
    const jobTitle = pickJobTitle(random, role, person.gender, person.script);
    const phones = chance(random, 0.85)
      ? [{ value: demoMobileNumber(random, seed.country), label: 'mobile' }]
      : [];
    const contact = await createContact(
      actingAs(ctx, seed.owner, seed.createdAt + (index + 1) * 7 * MINUTE_MS),
      {
        name: person.name,
        jobTitle,
        role,
        companyId: company.id,
        ownerId: company.ownerId,
        emails: [{ value: `${local}@${seed.domain}`, label: 'work' }],
        phones,
      },
    );
    company.contacts.push({ id: contact.id, name: contact.name, role });
  }
}

/** Creates every demo company with one to three contacts, between `from` and `to`. */
export async function createDemoDirectory(
  ctx: ServiceContext,
  random: Random,
  team: DemoMember[],
  createdBetween: { from: number; to: number },
): Promise<DemoCompany[]> {
  const companies: DemoCompany[] = [];
  for (const seed of DEMO_COMPANIES) {
    const script: Script = isArabicText(seed.name) ? 'ar' : 'en';
    const createdAt = toWorkingTime(
      random,
      randomBetween(random, createdBetween.from, createdBetween.to),
    );
    const domain = `${seed.domainLabel}.example`;
    const owner = pickOwner(random, team, script);
    const view = await createCompany(actingAs(ctx, owner, createdAt), {
      name: seed.name,
      domain,
      sector: seed.sector,
      size: seed.size,
      country: seed.country,
      ownerId: owner.id,
    });
    const company: DemoCompany = {
      id: view.id,
      name: view.name,
      script,
      country: seed.country,
      ownerId: owner.id,
      contacts: [],
    };
    await createDemoContacts(ctx, random, company, { ...seed, domain, owner, createdAt });
    companies.push(company);
  }
  return companies;
}
