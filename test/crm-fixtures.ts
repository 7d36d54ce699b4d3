import type { LightMyRequestResponse } from 'fastify';
import { insertCompany } from '../src/db/company.repository.js';
import { insertContact } from '../src/db/contact.repository.js';
import { newId } from '../src/db/id.js';
import { buildSearchText } from '../src/domain/search-text.js';
import type { Caller, TestApi } from './api-harness.js';

export const DAY_MS = 86_400_000;

/** The parsed body of a response that must have the given status (else the body is the error). */
export function expectStatus(response: LightMyRequestResponse, status: number) {
  if (response.statusCode !== status) {
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  return response.body === '' ? null : response.json();
}

/** The `{ error }` body of a failed request. */
export interface ErrorBodyJson {
  error: {
    code: string;
    message: string;
    details: { path: (string | number)[]; message: string; code?: string }[];
    current?: Record<string, unknown>;
  };
}

/** Paths of the error details, joined with dots: `['body', 'subject']` → `body.subject`. */
export function errorPaths(response: LightMyRequestResponse): string[] {
  return response.json<ErrorBodyJson>().error.details.map((d) => d.path.join('.'));
}

/** Stage ids of the caller's default pipeline, by key. */
export async function stageIdsByKey(caller: Caller): Promise<Record<string, string>> {
  const board = expectStatus(await caller.request({ method: 'GET', url: '/api/v1/board' }), 200);
  const columns = board.columns as { stage: { key: string; id: string } }[];
  return Object.fromEntries(columns.map((c) => [c.stage.key, c.stage.id]));
}

export async function createDeal(caller: Caller, payload: Record<string, unknown>) {
  return expectStatus(await caller.request({ method: 'POST', url: '/api/v1/deals', payload }), 201);
}

/** A company straight in the database (company routes belong to another module). */
export async function insertTestCompany(api: TestApi, name: string, workspaceId?: string) {
  const id = newId();
  await insertCompany(api.database.db, {
    id,
    workspace_id: workspaceId ?? api.admin.workspaceId,
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

export async function insertTestContact(api: TestApi, name: string, workspaceId?: string) {
  const id = newId();
  await insertContact(api.database.db, {
    id,
    workspace_id: workspaceId ?? api.admin.workspaceId,
    name,
    role: 'champion',
    search_text: buildSearchText(name),
    created_at: api.clock.now,
    updated_at: api.clock.now,
    company_id: null,
    job_title: null,
    owner_id: null,
  });
  return id;
}

/**
 * Moves the app's clock forward by whole days and signs the caller in again (sessions last 30
 * days, and staleness tests travel further than that).
 */
export async function travelDays(api: TestApi, days: number, caller: Caller): Promise<Caller> {
  api.clock.now += days * DAY_MS;
  return api.signIn(caller.email);
}

/** The id of one of the workspace's lost reasons (every workspace starts with some). */
export async function aLostReasonId(api: TestApi, workspaceId = api.admin.workspaceId) {
  const row = await api.database.db
    .selectFrom('lost_reasons')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.id;
}
