import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, ifMatch, type TestApi } from '../../../test/api-harness.js';
import {
  createDeal,
  DAY_MS,
  errorPaths,
  expectStatus,
  insertTestCompany,
  stageIdsByKey,
} from '../../../test/crm-fixtures.js';

interface CardJson {
  id: string;
  title: string;
}

interface ColumnJson {
  stage: { id: string; key: string };
  count: number;
  cards: CardJson[];
  nextCursor: string | null;
}

let api: TestApi;
let stages: Record<string, string>;

beforeEach(async () => {
  api = await createTestApi();
  stages = await stageIdsByKey(api.admin);
});
afterEach(async () => {
  await api.close();
});

function stage(key: string): string {
  const id = stages[key];
  if (!id) throw new Error(`no stage ${key}`);
  return id;
}

async function boardColumn(caller: Caller, key: string, query = ''): Promise<ColumnJson> {
  const board = expectStatus(
    await caller.request({ method: 'GET', url: `/api/v1/board?cardsPerStage=25${query}` }),
    200,
  );
  const column = (board.columns as ColumnJson[]).find((c) => c.stage.key === key);
  if (!column) throw new Error(`no column ${key}`);
  return column;
}

/** Every card of a column, following nextCursor from the first page; also each page's size. */
async function pageThroughColumn(caller: Caller, stageId: string, limit: number, query = '') {
  const cards: CardJson[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = expectStatus(
      await caller.request({
        method: 'GET',
        url: `/api/v1/board/columns/${stageId}/cards?limit=${limit}${after}${query}`,
      }),
      200,
    ) as { cards: CardJson[]; nextCursor: string | null };
    cards.push(...page.cards);
    sizes.push(page.cards.length);
    cursor = page.nextCursor;
  } while (cursor);
  return { cards, sizes };
}

/** Open deals of a stage in board order, straight from the database. */
async function openDealIdsInBoardOrder(stageId: string): Promise<string[]> {
  const rows = await api.database.db
    .selectFrom('deals')
    .select('id')
    .where('stage_id', '=', stageId)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

async function lostReasonId(): Promise<string> {
  const reasons = expectStatus(
    await api.admin.request({ method: 'GET', url: '/api/v1/lost-reasons' }),
    200,
  );
  return reasons.items[0].id;
}

describe('paging a board column', () => {
  it('returns every open deal of the stage once, in board order, continuing the board', async () => {
    const proposal = stage('proposal');
    for (let i = 0; i < 60; i += 1) {
      // Three deals per instant: ties on updated_at are broken by id, as on the board.
      if (i % 3 === 0) api.clock.now += 1000;
      await createDeal(api.admin, { title: `Proposal ${i}`, stageId: proposal });
    }
    await createDeal(api.admin, { title: 'Elsewhere', stageId: stage('negotiation') });
    const lost = await createDeal(api.admin, { title: 'Gone', stageId: proposal });
    expectStatus(
      await api.admin.request({
        method: 'POST',
        url: `/api/v1/deals/${lost.id}/lose`,
        headers: ifMatch(lost.version),
        payload: { lostReasonId: await lostReasonId() },
      }),
      200,
    );

    const { cards, sizes } = await pageThroughColumn(api.admin, proposal, 25);
    expect(sizes).toEqual([25, 25, 10]);
    expect(cards.map((c) => c.id)).toEqual(await openDealIdsInBoardOrder(proposal));

    const column = await boardColumn(api.admin, 'proposal');
    expect(column.count).toBe(60);
    expect(cards.slice(0, 25)).toEqual(column.cards);
    const rest = await api.admin.request({
      method: 'GET',
      url: `/api/v1/board/columns/${proposal}/cards?limit=100&cursor=${column.nextCursor}`,
    });
    expect(expectStatus(rest, 200)).toEqual({ cards: cards.slice(25), nextCursor: null });
  });

  it('applies the board filters and the reps-own-deals-only setting', async () => {
    const proposal = stage('proposal');
    const rep = await api.addMember('rep');
    const companyId = await insertTestCompany(api, 'Falcon Trading');
    for (let i = 0; i < 6; i += 1) {
      api.clock.now += 1000;
      await createDeal(api.admin, {
        title: i % 2 === 0 ? `Falcon ${i}` : `Other ${i}`,
        stageId: proposal,
        ...(i % 2 === 0 ? { companyId } : {}),
        ...(i < 3 ? { ownerId: rep.userId } : {}),
      });
    }
    const titles = async (caller: Caller, query: string) =>
      (await pageThroughColumn(caller, proposal, 2, query)).cards.map((c) => c.title);

    expect(await titles(api.admin, `&ownerId=${rep.userId}`)).toEqual([
      'Falcon 2',
      'Other 1',
      'Falcon 0',
    ]);
    expect(await titles(api.admin, `&companyId=${companyId}`)).toEqual([
      'Falcon 4',
      'Falcon 2',
      'Falcon 0',
    ]);
    expect(await titles(api.admin, '&q=other')).toEqual(['Other 5', 'Other 3', 'Other 1']);
    const filtered = await boardColumn(api.admin, 'proposal', '&q=other');
    expect((await pageThroughColumn(api.admin, proposal, 25, '&q=other')).cards).toEqual(
      filtered.cards,
    );

    expect(await titles(rep, '')).toHaveLength(6);
    const settings = await api.admin.request({ method: 'GET', url: '/api/v1/workspace' });
    expectStatus(
      await api.admin.request({
        method: 'PATCH',
        url: '/api/v1/workspace',
        headers: { 'if-match': settings.headers.etag as string },
        payload: { repsSeeOwnDealsOnly: true },
      }),
      200,
    );
    expect(await titles(rep, '')).toEqual(['Falcon 2', 'Other 1', 'Falcon 0']);
  });

  it('shows deals won in the last 90 days in the won column, as the board does', async () => {
    const wonKey = Object.keys(stages).at(-1) ?? '';
    // Winning through the API needs every exit criterion met: arrange the outcome directly.
    const markWon = async (id: string, daysAgo: number) => {
      await api.database.db
        .updateTable('deals')
        .set({
          status: 'won',
          stage_id: stage(wonKey),
          closed_at: api.clock.now - daysAgo * DAY_MS,
        })
        .where('id', '=', id)
        .execute();
    };
    await markWon((await createDeal(api.admin, { title: 'Won long ago' })).id, 100);
    await markWon((await createDeal(api.admin, { title: 'Won lately' })).id, 10);
    const { cards } = await pageThroughColumn(api.admin, stage(wonKey), 25);
    expect(cards.map((c) => c.title)).toEqual(['Won lately']);
    expect(cards).toEqual((await boardColumn(api.admin, wonKey)).cards);
  });

  it('refuses a bad cursor or limit (400) and another workspace’s stage (404)', async () => {
    const url = `/api/v1/board/columns/${stage('proposal')}/cards`;
    const garbage = await api.admin.request({ method: 'GET', url: `${url}?cursor=garbage` });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(garbage)).toEqual(['cursor']);
    const titleCursor = Buffer.from(JSON.stringify(['Acme', 'x'])).toString('base64url');
    const wrongKind = await api.admin.request({
      method: 'GET',
      url: `${url}?cursor=${titleCursor}`,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(errorPaths(wrongKind)).toEqual(['cursor']);
    const limit = await api.admin.request({ method: 'GET', url: `${url}?limit=0` });
    expect(limit.statusCode).toBe(400);
    expect(errorPaths(limit)).toEqual(['querystring.limit']);

    const other = await api.createOtherWorkspace();
    const foreign = await other.request({ method: 'GET', url });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
  });
});
