/**
 * Merging a duplicate company while a deal is created for it, on PostgreSQL, where both
 * transactions run at once: whichever order they take, no live deal ever names the deleted
 * duplicate — the deal is either moved by the merge or refused — and the loser is told so with a
 * DomainError (never a 500). Each interleaving is forced by holding one transaction open at the
 * point the race is about; then the two run side by side many times.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { DomainError } from '../../src/domain/errors.js';
import type { ServiceContext } from '../../src/services/context.service.js';
import { createDeal, getDeal, updateDeal } from '../../src/services/deals/deal.service.js';
import { createCompany } from '../../src/services/records/company.service.js';
import { mergeCompanies } from '../../src/services/records/merge.service.js';
import { createTestApi, ifMatch } from '../api-harness.js';
import { expectStatus } from '../crm-fixtures.js';
import { createImportWorkspace, type ImportWorkspace } from '../import-fixtures.js';

let ws: ImportWorkspace;
/** Transactions a test holds open: a failed test's are ended before its database closes. */
let held: { commit: () => void; committed: Promise<unknown> }[] = [];
beforeEach(async () => {
  ws = await createImportWorkspace();
});
afterEach(async () => {
  for (const transaction of held) transaction.commit();
  await Promise.allSettled(held.map((transaction) => transaction.committed));
  held = [];
  await ws.close();
});

/** Live deals that name a deleted company: there must never be any. */
async function orphanedDeals(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('deals')
    .innerJoin('companies', 'companies.id', 'deals.company_id')
    .select('deals.title')
    .where('deals.deleted_at', 'is', null)
    .where('companies.deleted_at', 'is not', null)
    .execute();
  return rows.map((r) => r.title);
}

/** Whether a promise is still pending after the database had time to answer it. */
async function isBlocked(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  const settled = await Promise.race([
    promise.then(
      () => 'settled',
      () => 'settled',
    ),
    new Promise((resolve) => setTimeout(() => resolve(pending), 300)),
  ]);
  return settled === pending;
}

async function rejectionOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the loser of the race to fail');
}

/** Runs `work` in a transaction that stays open until `commit` is called. */
function heldOpen(ctx: ServiceContext, work: (tx: ServiceContext) => Promise<unknown>) {
  let commit = () => {};
  const gate = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let markDone = () => {};
  const done = new Promise<void>((resolve) => {
    markDone = resolve;
  });
  const committed = ctx.db.transaction().execute(async (trx) => {
    await work({ ...ctx, db: trx });
    markDone();
    await gate;
  });
  held.push({ commit, committed });
  return { done, committed, commit };
}

async function pair(round = 0) {
  const kept = await createCompany(ws.context(), { name: `Acme ${round}` });
  const duplicate = await createCompany(ws.context(), { name: `Acme ${round} Ltd` });
  return { kept, duplicate };
}

describe('merging a company while a deal is attached to the duplicate (PostgreSQL)', () => {
  it('a deal created for the duplicate while the merge is uncommitted waits, then is refused', async () => {
    const { kept, duplicate } = await pair();
    const merging = heldOpen(ws.context(), (tx) =>
      mergeCompanies(tx, kept.id, 1, { duplicateId: duplicate.id, duplicateVersion: 1 }),
    );
    await merging.done;
    const creating = createDeal(ws.context(), { title: 'Late deal', companyId: duplicate.id });
    expect(await isBlocked(creating)).toBe(true);
    merging.commit();
    await merging.committed;
    const error = await rejectionOf(creating);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ path: ['companyId'] })]);
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('a merge while a deal for the duplicate is uncommitted waits, then moves that deal too', async () => {
    const { kept, duplicate } = await pair();
    let dealId = '';
    const creating = heldOpen(ws.context(), async (tx) => {
      dealId = (await createDeal(tx, { title: 'Early deal', companyId: duplicate.id })).id;
    });
    await creating.done;
    const merging = mergeCompanies(ws.context(), kept.id, 1, {
      duplicateId: duplicate.id,
      duplicateVersion: 1,
    });
    expect(await isBlocked(merging)).toBe(true);
    creating.commit();
    await creating.committed;
    const result = await merging;
    expect(result.merge.moved.deals).toBe(1);
    expect((await getDeal(ws.context(), dealId)).companyId).toBe(kept.id);
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('a deal moved to the duplicate while the merge is uncommitted is refused', async () => {
    const { kept, duplicate } = await pair();
    const deal = await createDeal(ws.context(), { title: 'Moving deal' });
    const merging = heldOpen(ws.context(), (tx) =>
      mergeCompanies(tx, kept.id, 1, { duplicateId: duplicate.id, duplicateVersion: 1 }),
    );
    await merging.done;
    const moving = updateDeal(ws.context(), deal.id, deal.version, { companyId: duplicate.id });
    expect(await isBlocked(moving)).toBe(true);
    merging.commit();
    await merging.committed;
    expect((await rejectionOf(moving)).code).toBe('VALIDATION_FAILED');
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('run side by side many times, no deal is left on a deleted company', async () => {
    for (let round = 0; round < 30; round += 1) {
      const { kept, duplicate } = await pair(round);
      const outcomes = await Promise.allSettled([
        createDeal(ws.context(), { title: `Deal ${round}`, companyId: duplicate.id }),
        mergeCompanies(ws.context(), kept.id, 1, {
          duplicateId: duplicate.id,
          duplicateVersion: 1,
        }),
      ]);
      const [created, merged] = outcomes;
      expect(merged?.status).toBe('fulfilled');
      if (created?.status === 'rejected') {
        expect(created.reason).toBeInstanceOf(DomainError);
        expect(created.reason.code).toBe('VALIDATION_FAILED');
      } else if (created?.status === 'fulfilled') {
        expect((await getDeal(ws.context(), created.value.id)).companyId).toBe(kept.id);
      }
    }
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('two merges of the same pair in opposite directions: one wins, the other is told why', async () => {
    for (let round = 0; round < 15; round += 1) {
      const { kept, duplicate } = await pair(round);
      const outcomes = await Promise.allSettled([
        mergeCompanies(ws.context(), kept.id, 1, {
          duplicateId: duplicate.id,
          duplicateVersion: 1,
        }),
        mergeCompanies(ws.context(), duplicate.id, 1, {
          duplicateId: kept.id,
          duplicateVersion: 1,
        }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(DomainError);
          expect(outcome.reason.code).toBe('NOT_FOUND');
        }
      }
    }
  });

  it('through the API the losing deal gets a 400 with an error code, never a 500', async () => {
    const api = await createTestApi();
    try {
      for (let round = 0; round < 15; round += 1) {
        const [kept, duplicate] = await Promise.all(
          [`Company ${round}`, `Company ${round} Ltd`].map(async (name) =>
            expectStatus(
              await api.admin.request({
                method: 'POST',
                url: '/api/v1/companies',
                payload: { name },
              }),
              201,
            ),
          ),
        );
        const [deal, merged] = await Promise.all([
          api.admin.request({
            method: 'POST',
            url: '/api/v1/deals',
            payload: { title: `Deal ${round}`, companyId: duplicate.id },
          }),
          api.admin.request({
            method: 'POST',
            url: `/api/v1/companies/${kept.id}/merge`,
            headers: ifMatch(kept.version),
            payload: { duplicateId: duplicate.id, duplicateVersion: duplicate.version },
          }),
        ]);
        expect(merged.statusCode).toBe(200);
        expect([201, 400]).toContain(deal.statusCode);
        if (deal.statusCode === 400) expect(deal.json().error.code).toBe('VALIDATION_FAILED');
      }
      expect(await orphanedDeals(api.database.db)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
