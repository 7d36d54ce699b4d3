/**
 * The people and reference data around a synthetic pipeline: owners with their memberships,
 * companies with one contact each, and monthly exchange rates for the foreign currencies.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../src/db/connection.js';
import type { CompanyTable, ContactTable, Role } from '../src/db/schema.js';
import { buildSearchText } from '../src/domain/search-text.js';
import { insertInChunks } from './batch-insert.js';
import {
  COMPANY_SIZES,
  COUNTRIES,
  companyDomain,
  companyName,
  JOB_TITLES,
  personName,
  SECTORS,
} from './sample-names.js';
import {
  logNormal,
  pick,
  pickWeighted,
  type Random,
  randomInt,
  uuidV7At,
} from '../src/demo/random.js';

/**
 * Generated people never sign in, so they share one syntactically valid Argon2id string that no
 * password matches (hashing 50 real passwords would cost seconds for nothing).
 */
const UNUSABLE_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2gtdXNlcnMtbmV2ZXI$bm90LWEtcmVhbC1oYXNoLWJlbmNoLXVzZXJz';

export interface Owner {
  id: string;
  role: Role;
  /** Relative share of the deals this person owns. */
  weight: number;
}

export interface SeededCompany {
  id: string;
  name: string;
  contactId: string;
}

/** 1 admin, 4 managers and 45 reps; reps' deal loads differ, as they do on real teams. */
export async function insertOwners(
  db: Db,
  workspaceId: string,
  random: Random,
  ids: Random,
  createdAt: number,
  count = 50,
): Promise<Owner[]> {
  const owners: Owner[] = [];
  const users = [];
  const memberships = [];
  const tag = workspaceId.slice(-8);
  for (let index = 0; index < count; index += 1) {
    const role: Role = index === 0 ? 'admin' : index <= 4 ? 'manager' : 'rep';
    const id = uuidV7At(ids, createdAt + index);
    const name = personName(random);
    users.push({
      id,
      email: `${role}${index}.${tag}@bench.qanat.test`,
      name,
      password_hash: UNUSABLE_PASSWORD_HASH,
      locale: /[\u0600-\u06ff]/.test(name) ? 'ar' : 'en',
      created_at: createdAt + index,
    });
    memberships.push({
      workspace_id: workspaceId,
      user_id: id,
      role,
      created_at: createdAt + index,
    });
    const weight = role === 'rep' ? logNormal(random, 1, 0.5) : role === 'manager' ? 0.2 : 0.05;
    owners.push({ id, role, weight });
  }
  await insertInChunks(db, 'users', users);
  await insertInChunks(db, 'memberships', memberships);
  return owners;
}

/**
 * Companies (Latin and Arabic names), each with one contact whom deals can be linked to, entered
 * during the 30 days after `createdAt` (the team's setup month, before the first deal).
 */
export async function insertCompanies(
  db: Db,
  workspaceId: string,
  owners: Owner[],
  random: Random,
  ids: Random,
  count: number,
  createdAt: number,
): Promise<SeededCompany[]> {
  const companies: Insertable<CompanyTable>[] = [];
  const contacts: Insertable<ContactTable>[] = [];
  const seeded: SeededCompany[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < count; index += 1) {
    const base = companyName(random);
    const repeat = (seen.get(base) ?? 0) + 1;
    seen.set(base, repeat);
    const name = repeat === 1 ? base : `${base} ${repeat}`;
    const country = pickWeighted(random, COUNTRIES);
    const domain = companyDomain(name, country);
    const at = createdAt + randomInt(random, 0, 29 * 24) * 3_600_000;
    const id = uuidV7At(ids, at);
    const ownerId = pick(random, owners).id;
    companies.push({
      id,
      workspace_id: workspaceId,
      name,
      domain,
      sector: pick(random, SECTORS),
      size: pick(random, COMPANY_SIZES),
      country,
      owner_id: ownerId,
      search_text: buildSearchText(name, domain),
      created_at: at,
      updated_at: at,
      deleted_at: null,
      version: 1,
    });
    const contactId = uuidV7At(ids, at + 1);
    const contactName = personName(random);
    const jobTitle = pick(random, JOB_TITLES);
    contacts.push({
      id: contactId,
      workspace_id: workspaceId,
      company_id: id,
      name: contactName,
      job_title: jobTitle,
      role: pick(random, ['decision_maker', 'champion', 'influencer'] as const),
      owner_id: ownerId,
      search_text: buildSearchText(contactName, jobTitle, name),
      created_at: at + 1,
      updated_at: at + 1,
      deleted_at: null,
      version: 1,
    });
    seeded.push({ id, name, contactId });
  }
  await insertInChunks(db, 'companies', companies);
  await insertInChunks(db, 'contacts', contacts);
  return seeded;
}

/** Units of the base currency (USD) per unit of each other currency the deals use. */
export const USD_PER_UNIT = { USD: 1, SAR: 0.2667, AED: 0.2723, EUR: 1.08 } as const;
export type DealCurrency = keyof typeof USD_PER_UNIT;

/**
 * One rate per currency on the first of every month from `from` to `to`: SAR and AED are
 * pegged to the dollar, EUR wanders a little. Rates mean "1 unit = rate USD".
 */
export async function insertExchangeRates(
  db: Db,
  workspaceId: string,
  random: Random,
  from: number,
  to: number,
): Promise<void> {
  const rows = [];
  const month = new Date(from);
  month.setUTCDate(1);
  let euro: number = USD_PER_UNIT.EUR;
  while (month.getTime() <= to) {
    const day = month.toISOString().slice(0, 10);
    euro = Math.min(1.2, Math.max(0.98, euro + (random.next() - 0.5) * 0.03));
    rows.push({ workspace_id: workspaceId, currency: 'SAR', day, rate: '0.2667' });
    rows.push({ workspace_id: workspaceId, currency: 'AED', day, rate: '0.2723' });
    rows.push({ workspace_id: workspaceId, currency: 'EUR', day, rate: euro.toFixed(4) });
    month.setUTCMonth(month.getUTCMonth() + 1);
  }
  await insertInChunks(db, 'exchange_rates', rows);
}
