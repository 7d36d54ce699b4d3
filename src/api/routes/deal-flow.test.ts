import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';

let api: TestApi;
let stageId: (key: string) => string;

beforeEach(async () => {
  api = await createTestApi();
  const board = (await api.admin.request({ method: 'GET', url: '/api/v1/board' })).json();
  const byKey = new Map<string, string>(
    board.columns.map((c: { stage: { key: string; id: string } }) => [c.stage.key, c.stage.id]),
  );
  stageId = (key) => {
    const id = byKey.get(key);
    if (!id) throw new Error(`no stage ${key}`);
    return id;
  };
});
afterEach(async () => {
  await api.close();
});

async function createDeal(caller: Caller, payload: Record<string, unknown>) {
  const response = await caller.request({ method: 'POST', url: '/api/v1/deals', payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

async function post(caller: Caller, url: string, version: number, payload: unknown) {
  return caller.request({
    method: 'POST',
    url,
    headers: ifMatch(version),
    payload: payload as object,
  });
}

async function lostReasonId(): Promise<string> {
  const row = await api.database.db
    .selectFrom('lost_reasons')
    .select('id')
    .where('workspace_id', '=', api.admin.workspaceId)
    .where('label_en', '=', 'Price')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function addContact(role: string) {
  const { insertContact } = await import('../../db/contact.repository.js');
  const id = `contact-${role}-${Math.random()}`;
  await insertContact(api.database.db, {
    id,
    workspace_id: api.admin.workspaceId,
    name: 'Khalid',
    role,
    search_text: 'khalid',
    created_at: api.clock.now,
    updated_at: api.clock.now,
    company_id: null,
    job_title: null,
    owner_id: null,
  });
  return id;
}

async function addCompany(name: string) {
  const { insertCompany } = await import('../../db/company.repository.js');
  const { buildSearchText } = await import('../../domain/search-text.js');
  const id = `company-${Math.random()}`;
  await insertCompany(api.database.db, {
    id,
    workspace_id: api.admin.workspaceId,
    name,
    search_text: buildSearchText(name),
    created_at: api.clock.now,
    updated_at: api.clock.now,
    domain: null,
    sector: null,
    size: null,
    country: null,
    owner_id: null,
  });
  return id;
}

describe('moving deals through the pipeline', () => {
  it('enforces exit criteria of every stage left or skipped, with field paths', async () => {
    const deal = await createDeal(api.admin, {
      title: 'Skip ahead',
      stageId: stageId('qualification'),
    });
    const response = await post(api.admin, `/api/v1/deals/${deal.id}/move`, 1, {
      stageId: stageId('proposal'),
    });
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('EXIT_CRITERIA_UNMET');
    // Qualification needs company + contact; initial contact (skipped) needs an amount.
    expect(error.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'amountMinor',
      'companyId',
      'contactIds',
    ]);
    const unchanged = await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}` });
    expect(unchanged.json()).toMatchObject({ stageId: stageId('qualification'), version: 1 });
  });

  it('records forward, backward (with reason), win, loss and reopen in the history', async () => {
    const companyId = await addCompany('Gulf Trading');
    const contactId = await addContact('decision_maker');
    let deal = await createDeal(api.admin, {
      title: 'Full journey',
      stageId: stageId('qualification'),
      companyId,
      contacts: [{ contactId, role: 'decision_maker' }],
      amountMinor: 500_000,
    });
    api.clock.now += 86_400_000;
    deal = (
      await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version, {
        stageId: stageId('proposal'),
      })
    ).json();
    expect(deal.stageId).toBe(stageId('proposal'));

    const noReason = await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version, {
      stageId: stageId('qualification'),
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.code).toBe('REASON_REQUIRED');
    deal = (
      await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version, {
        stageId: stageId('qualification'),
        reason: 'غادر صاحب القرار',
      })
    ).json();
    expect(deal.status).toBe('open');

    const lost = await post(api.admin, `/api/v1/deals/${deal.id}/lose`, deal.version, {
      lostReasonId: await lostReasonId(),
      note: 'Went with the cheaper vendor',
    });
    expect(lost.json()).toMatchObject({ status: 'lost', stageId: stageId('qualification') });
    expect(lost.json().closedAt).not.toBeNull();
    deal = lost.json();

    const moveLost = await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version, {
      stageId: stageId('proposal'),
    });
    expect(moveLost.statusCode).toBe(409);
    expect(moveLost.json().error.code).toBe('DEAL_CLOSED');

    deal = (
      await post(api.admin, `/api/v1/deals/${deal.id}/reopen`, deal.version, {
        reason: 'Budget came back',
      })
    ).json();
    expect(deal).toMatchObject({ status: 'open', closedAt: null, lostReasonId: null });
    deal = (
      await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version, {
        stageId: stageId('proposal'),
      })
    ).json();
    const won = await post(api.admin, `/api/v1/deals/${deal.id}/win`, deal.version, {});
    expect(won.statusCode).toBe(422); // proposal needs an expected close date first
    expect(won.json().error.details[0].path).toEqual(['expectedCloseDate']);
    const patched = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      headers: ifMatch(deal.version),
      payload: { expectedCloseDate: '2026-04-30', amountSource: 'signed' },
    });
    deal = (
      await post(api.admin, `/api/v1/deals/${deal.id}/win`, patched.json().version, {})
    ).json();
    expect(deal).toMatchObject({ status: 'won', stageId: stageId('follow_up') });

    const history = (
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}/history` })
    ).json().items;
    // The edit between the moves is in the same timeline, as field changes.
    expect(
      history
        .filter((h: { kind: string }) => h.kind === 'field')
        .map((h: { field: string; to: string }) => [h.field, h.to]),
    ).toEqual([
      ['amountSource', 'signed'],
      ['expectedCloseDate', '2026-04-30'],
    ]);
    expect(
      history
        .filter((h: { kind: string }) => h.kind === 'stage')
        .map((h: { fromStatus: string | null; toStatus: string; reason: string | null }) => [
          h.fromStatus,
          h.toStatus,
          h.reason,
        ]),
    ).toEqual([
      [null, 'open', null],
      ['open', 'open', null],
      ['open', 'open', 'غادر صاحب القرار'],
      ['open', 'lost', 'Went with the cheaper vendor'],
      ['lost', 'open', 'Budget came back'],
      ['open', 'open', null],
      ['open', 'won', null],
    ]);
    expect(history[3].lostReasonId).toBe(await lostReasonId());
  });

  it('keeps the stage history append-only in the database itself', async () => {
    const deal = await createDeal(api.admin, { title: 'Immutable' });
    await expect(
      api.database.db
        .updateTable('stage_history')
        .set({ reason: 'rewritten' })
        .where('deal_id', '=', deal.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      api.database.db.deleteFrom('stage_history').where('deal_id', '=', deal.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('lets only one of two concurrent moves win; the other gets 409 and the current deal', async () => {
    const deal = await createDeal(api.admin, { title: 'Contested' });
    const manager = await api.addMember('manager');
    const [first, second] = await Promise.all([
      post(api.admin, `/api/v1/deals/${deal.id}/move`, 1, { stageId: stageId('prospecting') }),
      post(manager, `/api/v1/deals/${deal.id}/move`, 1, { stageId: stageId('qualification') }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json().error.current.version).toBe(2);
    const history = await api.database.db
      .selectFrom('stage_history')
      .select('id')
      .where('deal_id', '=', deal.id)
      .execute();
    expect(history).toHaveLength(2);
  });

  it('refuses a write without If-Match (428) and an unknown lost reason (400)', async () => {
    const deal = await createDeal(api.admin, { title: 'Careful' });
    const blind = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/deals/${deal.id}`,
      payload: { title: 'x' },
    });
    expect(blind.statusCode).toBe(428);
    expect(blind.json().error.code).toBe('VERSION_REQUIRED');
    const lose = await post(api.admin, `/api/v1/deals/${deal.id}/lose`, 1, {
      lostReasonId: 'nope',
    });
    expect(lose.statusCode).toBe(400);
    expect(lose.json().error.details[0].path).toEqual(['lostReasonId']);
  });
});

describe('moving a deal to another pipeline', () => {
  it('moves an open deal into another pipeline’s stage, recorded in its history', async () => {
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/pipelines',
      payload: { nameEn: 'Renewals', nameAr: 'التجديدات' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const renewals = created.json();
    const target = renewals.stages[1];
    const deal = await createDeal(api.admin, { title: 'Wrong pipeline', amountMinor: 500 });

    const moved = await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version, {
      stageId: target.id,
      reason: 'A renewal, not new business',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      pipelineId: renewals.id,
      stageId: target.id,
      status: 'open',
      version: deal.version + 1,
    });
    const history = (
      await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}/history` })
    ).json().items;
    expect(history.filter((h: { kind: string }) => h.kind === 'stage').at(-1)).toMatchObject({
      kind: 'stage',
      fromStageId: deal.stageId,
      toStageId: target.id,
      fromStatus: 'open',
      toStatus: 'open',
      reason: 'A renewal, not new business',
    });
    const board = (
      await api.admin.request({
        method: 'GET',
        url: `/api/v1/board?pipelineId=${renewals.id}`,
      })
    ).json();
    const column = board.columns.find((c: { stage: { id: string } }) => c.stage.id === target.id);
    expect(column.cards.map((c: { id: string }) => c.id)).toEqual([deal.id]);

    // A stale version, a closed deal and an archived pipeline are refused.
    const stale = await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version, {
      stageId: stageId('proposal'),
    });
    expect(stale.statusCode).toBe(409);
    const back = await post(api.admin, `/api/v1/deals/${deal.id}/move`, deal.version + 1, {
      stageId: stageId('proposal'),
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().pipelineId).not.toBe(renewals.id);
    const lost = await post(api.admin, `/api/v1/deals/${deal.id}/lose`, back.json().version, {
      lostReasonId: await lostReasonId(),
    });
    expect(lost.statusCode).toBe(200);
    const closed = await post(api.admin, `/api/v1/deals/${deal.id}/move`, lost.json().version, {
      stageId: target.id,
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('DEAL_CLOSED');
  });
});

describe('deal validation', () => {
  it('answers bad input with 400 and every field path, creating nothing', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: {
        title: '',
        amountMinor: -5,
        currency: 'dollars',
        probabilityOverride: 150,
        expectedCloseDate: '31/12/2026',
        extra: 1,
      },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.title',
        'body.amountMinor',
        'body.currency',
        'body.probabilityOverride',
        'body.expectedCloseDate',
      ]),
    );
    expect(await api.database.db.selectFrom('deals').select('id').execute()).toHaveLength(0);
  });

  it('refuses unknown currencies, references from another workspace and malformed JSON', async () => {
    const xyz = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'T', currency: 'XYZ' },
    });
    expect(xyz.statusCode).toBe(400);
    expect(xyz.json().error.code).toBe('CURRENCY_UNKNOWN');
    const other = await api.createOtherWorkspace();
    const foreign = await createDeal(other, { title: 'Theirs' });
    const { findDeal } = await import('../../db/deal.repository.js');
    const foreignRow = await findDeal(api.database.db, other.workspaceId, foreign.id);
    const crossRef = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'T', companyId: 'company-elsewhere', ownerId: other.userId },
    });
    expect(crossRef.statusCode).toBe(400);
    expect(foreignRow?.title).toBe('Theirs');
    const broken = await api.admin.request({
      method: 'POST',
      url: '/api/v1/deals',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBeTypeOf('string');
    expect(broken.body).not.toMatch(/node_modules|at \w+ \(/);
  });
});

describe('listing and search', () => {
  it('finds Arabic titles whatever the letter forms and diacritics, and company names too', async () => {
    await createDeal(api.admin, { title: 'توريد أجهزة لمؤسسة الأمل' });
    await createDeal(api.admin, { title: 'Unrelated' });
    const companyId = await addCompany('مكتبة جرير');
    await createDeal(api.admin, { title: 'Licences', companyId });
    const search = async (q: string) =>
      (await api.admin.request({ method: 'GET', url: `/api/v1/deals?q=${encodeURIComponent(q)}` }))
        .json()
        .items.map((d: { title: string }) => d.title);
    expect(await search('مؤسسه الامل')).toEqual(['توريد أجهزة لمؤسسة الأمل']);
    expect(await search('اجهزة')).toEqual(['توريد أجهزة لمؤسسة الأمل']);
    expect(await search('جَرِير')).toEqual(['Licences']);
    expect(await search('100%')).toEqual([]);
  });

  it('pages with keyset cursors: every deal exactly once, in order', async () => {
    for (let i = 0; i < 23; i += 1) {
      api.clock.now += 1000;
      await createDeal(api.admin, {
        title: `Deal ${String(i).padStart(2, '0')}`,
        amountMinor: (i % 5) * 100,
      });
    }
    for (const sort of ['title', 'amount', 'updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/deals?sort=${sort}&direction=asc&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await api.admin.request({ method: 'GET', url })).json();
        seen.push(...page.items.map((d: { id: string }) => d.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    }
    const bad = await api.admin.request({ method: 'GET', url: '/api/v1/deals?cursor=garbage' });
    expect(bad.statusCode).toBe(400);
  });

  it('limits reps to their own deals when the workspace says so', async () => {
    const rep = await api.addMember('rep');
    const mine = await createDeal(rep, { title: 'Rep deal' });
    const theirs = await createDeal(api.admin, { title: 'Admin deal' });
    expect((await rep.request({ method: 'GET', url: '/api/v1/deals' })).json().items).toHaveLength(
      2,
    );
    const settings = await api.admin.request({ method: 'GET', url: '/api/v1/workspace' });
    await api.admin.request({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: { 'if-match': settings.headers.etag as string },
      payload: { repsSeeOwnDealsOnly: true },
    });
    const list = (await rep.request({ method: 'GET', url: '/api/v1/deals' })).json().items;
    expect(list.map((d: { id: string }) => d.id)).toEqual([mine.id]);
    expect(
      (await rep.request({ method: 'GET', url: `/api/v1/deals/${theirs.id}` })).statusCode,
    ).toBe(404);
    const board = (await rep.request({ method: 'GET', url: '/api/v1/board' })).json();
    expect(board.columns.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(1);
    const assign = await rep.request({
      method: 'POST',
      url: '/api/v1/deals',
      payload: { title: 'For admin', ownerId: api.admin.userId },
    });
    expect(assign.statusCode).toBe(403);
    const del = await rep.request({
      method: 'DELETE',
      url: `/api/v1/deals/${mine.id}`,
      headers: ifMatch(1),
    });
    expect(del.statusCode).toBe(403);
  });

  it('deletes softly: the deal leaves lists, its history stays', async () => {
    const deal = await createDeal(api.admin, { title: 'Gone' });
    expect(
      (
        await api.admin.request({
          method: 'DELETE',
          url: `/api/v1/deals/${deal.id}`,
          headers: ifMatch(1),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await api.admin.request({ method: 'GET', url: `/api/v1/deals/${deal.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await api.admin.request({ method: 'GET', url: '/api/v1/deals' })).json().items,
    ).toHaveLength(0);
    const history = await api.database.db
      .selectFrom('stage_history')
      .select('id')
      .where('deal_id', '=', deal.id)
      .execute();
    expect(history).toHaveLength(1);
  });
});

describe('board', () => {
  it('totals each stage in the base currency, weighted by stage or override probability', async () => {
    const { upsertExchangeRate } = await import('../../db/reference.repository.js');
    await upsertExchangeRate(api.database.db, {
      workspace_id: api.admin.workspaceId,
      currency: 'SAR',
      day: '2026-01-01',
      rate: '0.2666',
    });
    await upsertExchangeRate(api.database.db, {
      workspace_id: api.admin.workspaceId,
      currency: 'SAR',
      day: '2026-02-01',
      rate: '0.2667',
    });
    await upsertExchangeRate(api.database.db, {
      workspace_id: api.admin.workspaceId,
      currency: 'SAR',
      day: '2026-12-01',
      rate: '9',
    });
    await createDeal(api.admin, {
      title: 'A',
      stageId: stageId('prospecting'),
      amountMinor: 100_000,
      currency: 'USD',
    });
    await createDeal(api.admin, {
      title: 'B',
      stageId: stageId('prospecting'),
      amountMinor: 375_000,
      currency: 'SAR',
    });
    await createDeal(api.admin, {
      title: 'C',
      stageId: stageId('prospecting'),
      amountMinor: 20_000,
      currency: 'USD',
      probabilityOverride: 50,
    });
    await createDeal(api.admin, {
      title: 'D',
      stageId: stageId('prospecting'),
      amountMinor: 10_000,
      currency: 'EUR',
    });
    const board = (
      await api.admin.request({ method: 'GET', url: '/api/v1/board?cardsPerStage=2' })
    ).json();
    const column = board.columns.find(
      (c: { stage: { key: string } }) => c.stage.key === 'prospecting',
    );
    expect(column.count).toBe(4);
    // USD 1,000.00 + SAR 3,750.00 × 0.2667 (the rate of 2026-02-01, latest on or before today)
    // = 100000 + 100012.5 → 100013 (half away from zero) ; C adds 20000 → 220013.
    expect(column.total).toEqual({ minor: 220_013, currency: 'USD' });
    // Weighted: (100000 + 100013) × 10% = 20001.3 → 20001 ; 20000 × 50% = 10000 → 30001.
    expect(column.weighted).toEqual({ minor: 30_001, currency: 'USD' });
    expect(column.unconvertedCurrencies).toEqual(['EUR']);
    expect(column.cards).toHaveLength(2);
    expect(board.columns.map((c: { stage: { key: string } }) => c.stage.key)).toEqual([
      'lead_generation',
      'prospecting',
      'qualification',
      'initial_contact',
      'proposal',
      'negotiation',
      'follow_up',
    ]);
  });

  it('pages a column: the board cursor continues in the deal list without repeats', async () => {
    for (let i = 0; i < 5; i += 1) {
      api.clock.now += 1000;
      await createDeal(api.admin, { title: `Lead ${i}` });
    }
    const board = (
      await api.admin.request({ method: 'GET', url: '/api/v1/board?cardsPerStage=2' })
    ).json();
    const column = board.columns[0];
    expect(column.cards.map((c: { title: string }) => c.title)).toEqual(['Lead 4', 'Lead 3']);
    const rest = (
      await api.admin.request({
        method: 'GET',
        url: `/api/v1/deals?stageId=${column.stage.id}&status=open&sort=updatedAt&direction=desc&limit=10&cursor=${column.nextCursor}`,
      })
    ).json();
    expect(rest.items.map((d: { title: string }) => d.title)).toEqual([
      'Lead 2',
      'Lead 1',
      'Lead 0',
    ]);
    expect(board.columns[1].nextCursor).toBeNull();
  });

  it('marks stale cards and shows the age in stage', async () => {
    const deal = await createDeal(api.admin, {
      title: 'Forgotten',
      stageId: stageId('negotiation'),
    });
    api.clock.now += 11 * 86_400_000;
    const board = (await api.admin.request({ method: 'GET', url: '/api/v1/board' })).json();
    const card = board.columns
      .flatMap((c: { cards: unknown[] }) => c.cards)
      .find((c: { id: string }) => c.id === deal.id);
    expect(card).toMatchObject({ isStale: true, daysInStage: 11, nextStep: null });
  });
});
