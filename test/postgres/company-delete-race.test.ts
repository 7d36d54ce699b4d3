/**
 * Deleting a company while a deal is attached to it, on PostgreSQL, where both transactions run
 * at once: whichever order the two take, no live deal ever names a deleted company, and the loser
 * is told so with a DomainError (never a 500). Each interleaving is forced by holding one
 * transaction open at the point the race is about; then the two run side by side many times.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { DomainError } from '../../src/domain/errors.js';
import type { ServiceContext } from '../../src/services/context.service.js';
import { createDeal, updateDeal } from '../../src/services/deals/deal.service.js';
import { createCompany, deleteCompany } from '../../src/services/records/company.service.js';
import { importRecords } from '../../src/services/transfer/import/import.service.js';
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

/** The error a promise rejects with (a fulfilled one fails the test). */
async function rejectionOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the loser of the race to fail');
}

/**
 * Runs `work` in a transaction that stays open until the returned `commit` is called: `done`
 * resolves when `work` has finished inside it, `committed` when it has committed.
 */
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

async function newCompany(name: string) {
  return createCompany(ws.context(), { name });
}

describe('deleting a company while a deal is attached to it (PostgreSQL)', () => {
  it('a deal created while the delete is uncommitted waits, then is refused', async () => {
    const company = await newCompany('Acme');
    const deleting = heldOpen(ws.context(), (tx) => deleteCompany(tx, company.id, 1));
    await deleting.done;
    const creating = createDeal(ws.context(), { title: 'Late deal', companyId: company.id });
    expect(await isBlocked(creating)).toBe(true);
    deleting.commit();
    await deleting.committed;
    const error = await rejectionOf(creating);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ path: ['companyId'] })]);
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('a delete while a new deal is uncommitted waits, then is refused', async () => {
    const company = await newCompany('Acme');
    const creating = heldOpen(ws.context(), (tx) =>
      createDeal(tx, { title: 'Early deal', companyId: company.id }),
    );
    await creating.done;
    const deleting = deleteCompany(ws.context(), company.id, 1);
    expect(await isBlocked(deleting)).toBe(true);
    creating.commit();
    await creating.committed;
    const error = await rejectionOf(deleting);
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toEqual([expect.objectContaining({ code: 'company_has_deals' })]);
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('a deal moved to the company while the delete is uncommitted is refused', async () => {
    const company = await newCompany('Acme');
    const deal = await createDeal(ws.context(), { title: 'Moving deal' });
    const deleting = heldOpen(ws.context(), (tx) => deleteCompany(tx, company.id, 1));
    await deleting.done;
    const moving = updateDeal(ws.context(), deal.id, deal.version, { companyId: company.id });
    expect(await isBlocked(moving)).toBe(true);
    deleting.commit();
    await deleting.committed;
    expect((await rejectionOf(moving)).code).toBe('VALIDATION_FAILED');
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('a delete while a deal update naming the company is uncommitted is refused', async () => {
    const company = await newCompany('Acme');
    const deal = await createDeal(ws.context(), { title: 'Moving deal' });
    const moving = heldOpen(ws.context(), (tx) =>
      updateDeal(tx, deal.id, deal.version, { companyId: company.id }),
    );
    await moving.done;
    const deleting = deleteCompany(ws.context(), company.id, 1);
    expect(await isBlocked(deleting)).toBe(true);
    moving.commit();
    await moving.committed;
    expect((await rejectionOf(deleting)).code).toBe('CONFLICT');
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('an import naming the company while the delete is uncommitted writes nothing', async () => {
    await newCompany('Acme');
    const [company] = await ws.db.selectFrom('companies').select('id').execute();
    const deleting = heldOpen(ws.context(), (tx) => deleteCompany(tx, company?.id ?? '', 1));
    await deleting.done;
    const file = ws.write('deals.csv', 'Title,Company\nImported deal,Acme\n');
    const importing = importRecords(ws.context(), { kind: 'deals', source: { path: file } });
    expect(await isBlocked(importing)).toBe(true);
    deleting.commit();
    await deleting.committed;
    expect((await rejectionOf(importing)).code).toBe('CONFLICT');
    expect(await orphanedDeals(ws.db)).toEqual([]);
    expect(await ws.db.selectFrom('deals').select('id').execute()).toEqual([]);
  });

  it('a delete while an import naming the company is uncommitted is refused', async () => {
    const company = await newCompany('Acme');
    const file = ws.write('deals.csv', 'Title,Company\nImported deal,Acme\n');
    const importing = heldOpen(ws.context(), (tx) =>
      importRecords(tx, { kind: 'deals', source: { path: file } }),
    );
    await importing.done;
    const deleting = deleteCompany(ws.context(), company.id, 1);
    expect(await isBlocked(deleting)).toBe(true);
    importing.commit();
    await importing.committed;
    expect((await rejectionOf(deleting)).code).toBe('CONFLICT');
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('run side by side many times, one of the two wins and the other gets a DomainError', async () => {
    for (let round = 0; round < 40; round += 1) {
      const company = await newCompany(`Company ${round}`);
      const outcomes = await Promise.allSettled([
        createDeal(ws.context(), { title: `Deal ${round}`, companyId: company.id }),
        deleteCompany(ws.context(), company.id, 1),
      ]);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(DomainError);
          expect(['VALIDATION_FAILED', 'CONFLICT']).toContain(outcome.reason.code);
        }
      }
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    }
    expect(await orphanedDeals(ws.db)).toEqual([]);
  });

  it('through the API the loser gets a 400 or 409 with an error code, never a 500', async () => {
    const api = await createTestApi();
    try {
      for (let round = 0; round < 20; round += 1) {
        const company = expectStatus(
          await api.admin.request({
            method: 'POST',
            url: '/api/v1/companies',
            payload: { name: `Company ${round}` },
          }),
          201,
        );
        const responses = await Promise.all([
          api.admin.request({
            method: 'POST',
            url: '/api/v1/deals',
            payload: { title: `Deal ${round}`, companyId: company.id },
          }),
          api.admin.request({
            method: 'DELETE',
            url: `/api/v1/companies/${company.id}`,
            headers: ifMatch(company.version),
          }),
        ]);
        const failed = responses.filter((response) => response.statusCode >= 400);
        expect(failed).toHaveLength(1);
        for (const response of failed) {
          expect([400, 409]).toContain(response.statusCode);
          expect(response.json().error.code).toMatch(/^(VALIDATION_FAILED|CONFLICT)$/);
        }
      }
      expect(await orphanedDeals(api.database.db)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
