/**
 * The access review, run on every route the server has: who may call it, and that no caller can
 * read or change another workspace's records. A new route is covered without editing this file,
 * except to say how to find a record for a new `:id` resource (the test fails until it does).
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApi, type TestApi } from '../../test/api-harness.js';
import { hasPermission, ROLES } from '../domain/permissions.js';

let api: TestApi;
let other: Caller;
const ids: Record<string, string> = {};
let otherLostReasonId = '';

const PUBLIC_ROUTES = new Set([
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'GET /api/v1/public/surveys/:token',
  'POST /api/v1/public/surveys/:token/answer',
]);

/** Which record of workspace A a `:id` route is asked about, by the path's first segment. */
const ID_OF_RESOURCE: Record<string, string> = {
  deals: 'deal',
  companies: 'company',
  contacts: 'contact',
  activities: 'activity',
  'lost-reasons': 'lostReason',
  pipelines: 'pipeline',
  stages: 'stage',
  tokens: 'token',
  users: 'user',
  teams: 'team',
  targets: 'target',
  board: 'stage',
  'custom-fields': 'customField',
  views: 'view',
  imports: 'upload',
  review: 'review',
};

/** A body that passes validation, so that the answer is about the record, not the input. */
function bodyFor(method: string, url: string): InjectOptions['payload'] {
  const bodies: Record<string, unknown> = {
    'PATCH /api/v1/deals/:id': { title: 'Hijacked' },
    'POST /api/v1/imports/uploads/:id/run': { source: null, kind: 'deals' },
    'POST /api/v1/deals/:id/move': { stageId: ids.stage, reason: 'x' },
    'POST /api/v1/deals/:id/win': {},
    'POST /api/v1/deals/:id/lose': { lostReasonId: otherLostReasonId },
    'POST /api/v1/deals/:id/reopen': { reason: 'x' },
    'PATCH /api/v1/companies/:id': { name: 'Hijacked' },
    'PATCH /api/v1/contacts/:id': { name: 'Hijacked' },
    'PATCH /api/v1/activities/:id': { subject: 'Hijacked' },
    'POST /api/v1/activities/:id/complete': {},
    'PATCH /api/v1/lost-reasons/:id': { labelEn: 'Hijacked' },
    'PATCH /api/v1/pipelines/:id': { nameEn: 'Hijacked' },
    'POST /api/v1/pipelines/:id/stages': { nameEn: 'New', nameAr: 'جديد', probability: 50 },
    'PUT /api/v1/pipelines/:id/stage-order': { stageIds: [ids.stage] },
    'PATCH /api/v1/stages/:id': { nameEn: 'Hijacked' },
    'POST /api/v1/stages/:id/archive': {},
    'PATCH /api/v1/users/:id': { role: 'rep' },
    'PUT /api/v1/users/:id/team': { teamId: null },
    'PATCH /api/v1/teams/:id': { name: 'Hijacked' },
    'PATCH /api/v1/targets/:id': { amountMinor: 1 },
    'PATCH /api/v1/custom-fields/:id': { labelEn: 'Hijacked' },
    'PUT /api/v1/deals/:id/items': { items: [] },
    'POST /api/v1/companies/:id/merge': { duplicateId: 'x', duplicateVersion: 1 },
    'POST /api/v1/contacts/:id/merge': { duplicateId: 'x', duplicateVersion: 1 },
    'PATCH /api/v1/views/:id': { name: 'Hijacked' },
    'POST /api/v1/deals/:id/verify-value': {},
    'PUT /api/v1/deals/:id/qualification': { need: null },
    'POST /api/v1/contacts/:id/left': { hasLeft: true },
    'POST /api/v1/deals/:id/requalify': { flagId: 'x' },
    'POST /api/v1/deals/:id/surveys': {},
    'POST /api/v1/users/:id/deactivate': { handToUserId: 'x' },
    'POST /api/v1/review/sessions/:id/close': { isClosed: true },
    'POST /api/v1/review/sessions/:id/actions': {
      action: 'verifyValue',
      deals: [{ id: ids.deal, version: 1 }],
    },
  };
  return bodies[`${method} ${url}`] ?? undefined;
}

async function snapshot() {
  const db = api.database.db;
  const workspaceId = api.admin.workspaceId;
  const tables = [
    'deals',
    'companies',
    'contacts',
    'activities',
    'lost_reasons',
    'pipelines',
    'stages',
    'api_tokens',
    'memberships',
    'stage_history',
    'teams',
    'targets',
    'custom_fields',
    'saved_views',
    'pipeline_reviews',
    'review_decisions',
    'deal_qualifications',
    'deal_flags',
    'surveys',
  ] as const;
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) {
    rows[table] = await db
      .selectFrom(table)
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute();
  }
  return rows;
}

beforeAll(async () => {
  api = await createTestApi();
  const post = async (url: string, payload: object) => {
    const response = await api.admin.request({ method: 'POST', url, payload });
    if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
    return response.json<{ id: string }>().id;
  };
  ids.company = await post('/api/v1/companies', { name: 'Secret Co' });
  await post('/api/v1/companies', { name: 'Secret Co.' }); // a duplicate pair
  ids.contact = await post('/api/v1/contacts', { name: 'Secret Person' });
  ids.deal = await post('/api/v1/deals', { title: 'Secret deal', companyId: ids.company });
  ids.activity = await post('/api/v1/activities', {
    kind: 'call',
    subject: 'Secret call',
    dealId: ids.deal,
  });
  ids.lostReason = await post('/api/v1/lost-reasons', { labelEn: 'Secret', labelAr: 'سر' });
  ids.token = await post('/api/v1/tokens', { name: 'Secret token', role: 'rep' });
  const pipelines = (await api.admin.request({ method: 'GET', url: '/api/v1/pipelines' })).json();
  ids.pipeline = pipelines.items[0].id;
  ids.stage = pipelines.items[0].stages[1].id;
  ids.user = (await api.addMember('rep')).userId;
  ids.team = await post('/api/v1/teams', { name: 'Secret team' });
  ids.target = await post('/api/v1/targets', {
    scope: `team:${ids.team}`,
    period: '2026-Q1',
    amountMinor: 1_000,
  });
  ids.customField = await post('/api/v1/custom-fields', {
    recordKind: 'deal',
    key: 'secret',
    type: 'text',
    labelEn: 'Secret',
    labelAr: 'سر',
  });
  ids.review = await post('/api/v1/review/sessions', {});
  ids.view = await post('/api/v1/views', {
    kind: 'board',
    name: 'Secret view',
    filters: { q: 'Secret' },
    isShared: true,
  });
  const upload = await api.admin.request({
    method: 'POST',
    url: '/api/v1/imports/uploads?fileName=secret.csv',
    payload: 'Title\nSecret upload\n',
    headers: { 'content-type': 'text/csv' },
  });
  if (upload.statusCode !== 201) throw new Error(`upload: ${upload.body}`);
  ids.upload = upload.json<{ id: string }>().id;
  other = await api.createOtherWorkspace();
  const reasons = (await other.request({ method: 'GET', url: '/api/v1/lost-reasons' })).json();
  otherLostReasonId = reasons.items[0].id;
});
afterAll(async () => {
  await api.close();
});

describe('access review of every API route', () => {
  it('knows the routes', () => {
    expect(api.app.routeAccess.length).toBeGreaterThan(40);
  });

  it('refuses every non-public route without credentials (401), before reading input', async () => {
    for (const route of api.app.routeAccess) {
      if (PUBLIC_ROUTES.has(`${route.method} ${route.url}`)) continue;
      const url = route.url.replace(/:(\w+)/g, 'x');
      const response = await api.app.inject({ method: route.method as 'GET', url, payload: {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses each role the routes it lacks the permission for (403)', async () => {
    const callers = { manager: await api.addMember('manager'), rep: await api.addMember('rep') };
    for (const role of ROLES) {
      if (role === 'admin') continue;
      for (const route of api.app.routeAccess) {
        const { access } = route;
        if (access === 'public' || access === 'authenticated' || hasPermission(role, access))
          continue;
        const url = route.url.replace(/:(\w+)/g, 'x');
        const response = await callers[role].request({
          method: route.method,
          url,
          payload: {},
        });
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('answers 404 to another workspace for every record route, and changes nothing', async () => {
    const before = await snapshot();
    const recordParam = /:(id|stageId)\b/;
    const withId = api.app.routeAccess.filter((r) => recordParam.test(r.url));
    expect(withId.length).toBeGreaterThan(20);
    for (const route of withId) {
      const resource = route.url.split('/')[3] ?? '';
      const key = ID_OF_RESOURCE[resource];
      expect(key, `no fixture for ${route.url}: add it to ID_OF_RESOURCE`).toBeDefined();
      const id = ids[key ?? ''];
      const response = await other.request({
        method: route.method,
        url: route.url.replace(recordParam, id ?? ''),
        headers: { 'if-match': '"1"' },
        payload: bodyFor(route.method, route.url),
      });
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBe(404);
      expect(response.body).not.toContain('Secret');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never lists another workspace’s records', async () => {
    for (const url of [
      '/api/v1/deals',
      '/api/v1/companies',
      '/api/v1/contacts',
      '/api/v1/activities',
      '/api/v1/tokens',
      '/api/v1/users',
      '/api/v1/board',
      '/api/v1/pipelines',
      '/api/v1/lost-reasons',
      '/api/v1/exchange-rates',
      '/api/v1/deals?q=Secret',
      '/api/v1/search?q=Secret',
      '/api/v1/teams',
      '/api/v1/targets',
      '/api/v1/exports/deals.csv',
      '/api/v1/exports/companies.csv',
      '/api/v1/exports/contacts.csv',
      '/api/v1/exports/activities.csv',
      '/api/v1/custom-fields',
      '/api/v1/companies/duplicates',
      '/api/v1/contacts/duplicates',
      '/api/v1/merges',
      '/api/v1/my-day',
      '/api/v1/views',
      '/api/v1/review',
      '/api/v1/review/sessions',
      '/api/v1/my-day/digest',
      '/api/v1/icp',
      '/api/v1/icp/suggestion?minDeals=5',
    ]) {
      const response = await other.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain('Secret');
      expect(response.body, url).not.toContain(ids.deal);
    }
  });
});
