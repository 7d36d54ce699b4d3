import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { isDealStale } from '../domain/stale.js';
import type { ServiceContext } from '../services/context.service.js';
import { type DemoSummary, loadDemoData } from './load-demo.js';
import { addUserToWorkspace } from '../services/access/user.service.js';
import { createWorkspace } from '../services/access/workspace.service.js';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-26T09:30:00Z');
const ARABIC = /[\u0600-\u06ff]/;

interface LoadedDemo {
  database: TestDatabase;
  workspaceId: string;
  summary: DemoSummary;
}

async function loadDemo(options: { seed: number; deals?: number }): Promise<LoadedDemo> {
  const database = await createTestDatabase();
  const workspace = await createWorkspace(database.db, { name: 'Demo' }, NOW - 800 * DAY_MS);
  const admin = await addUserToWorkspace(
    database.db,
    workspace.id,
    { email: 'admin@example.com', name: 'Admin', password: 'a long admin password', role: 'admin' },
    NOW - 800 * DAY_MS,
  );
  const ctx: ServiceContext = {
    db: database.db,
    now: NOW,
    actor: { workspaceId: workspace.id, userId: admin.id, role: 'admin' },
  };
  return { database, workspaceId: workspace.id, summary: await loadDemoData(ctx, options) };
}

function dealFingerprints({ database, workspaceId }: LoadedDemo) {
  return database.db
    .selectFrom('deals')
    .select(['title', 'amount_minor', 'currency', 'opened_at', 'status'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('opened_at')
    .orderBy('title')
    .execute();
}

describe('loadDemoData', () => {
  let demo: LoadedDemo;
  const db = () => demo.database.db;

  // Hundreds of deals replayed through the use-cases: on a busy CI machine with PostgreSQL this
  // can take most of a minute.
  beforeAll(async () => {
    demo = await loadDemo({ seed: 42 });
  }, 180_000);
  afterAll(async () => {
    await demo?.database.close();
  });

  it('loads a team, companies, contacts and 300 deals, some open, won and lost', async () => {
    const { summary } = demo;
    expect(summary.deals).toBe(300);
    expect(summary.won + summary.lost + summary.open).toBe(300);
    expect(summary.won).toBeGreaterThan(20);
    expect(summary.lost).toBeGreaterThan(20);
    expect(summary.open).toBeGreaterThan(20);
    expect(summary.users).toBe(8);
    expect(summary.companies).toBe(60);
    expect(summary.contacts).toBeGreaterThanOrEqual(100);
    expect(summary.contacts).toBeLessThanOrEqual(150);
    const byStatus = await db()
      .selectFrom('deals')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', demo.workspaceId)
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    expect(counts).toEqual({ open: summary.open, won: summary.won, lost: summary.lost });
    const members = await db()
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.name', 'memberships.role'])
      .where('workspace_id', '=', demo.workspaceId)
      .where('memberships.role', '!=', 'admin')
      .execute();
    expect(members).toHaveLength(8);
    expect(members.some((m) => ARABIC.test(m.name))).toBe(true);
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(['rep', 'manager']));
  });

  it('records a history that ends where every deal stands', async () => {
    const deals = await db()
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select([
        'deals.id',
        'deals.stage_id',
        'deals.status',
        'deals.closed_at',
        'deals.lost_reason_id',
        'stages.kind',
      ])
      .where('deals.workspace_id', '=', demo.workspaceId)
      .execute();
    const history = await db()
      .selectFrom('stage_history')
      .selectAll()
      .where('workspace_id', '=', demo.workspaceId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const latest = new Map(history.map((row) => [row.deal_id, row]));
    for (const deal of deals) {
      const last = latest.get(deal.id);
      expect(last?.to_stage_id).toBe(deal.stage_id);
      expect(last?.to_status).toBe(deal.status);
      if (deal.status === 'won') {
        expect(deal.closed_at).not.toBeNull();
        expect(deal.kind).toBe('won');
      }
      if (deal.status === 'lost') {
        expect(deal.closed_at).not.toBeNull();
        expect(deal.lost_reason_id).not.toBeNull();
      }
      if (deal.status === 'open') expect(deal.closed_at).toBeNull();
    }
    expect(history.every((row) => row.at <= NOW)).toBe(true);
    expect(history.filter((row) => row.from_stage_id === null)).toHaveLength(300);
  });

  it('spreads deals over more than a year, in several currencies with rates', async () => {
    const deals = await db()
      .selectFrom('deals')
      .select(['opened_at', 'currency', 'amount_minor', 'title'])
      .where('workspace_id', '=', demo.workspaceId)
      .execute();
    const opened = deals.map((d) => d.opened_at);
    expect(Math.max(...opened) - Math.min(...opened)).toBeGreaterThan(365 * DAY_MS);
    expect(Math.min(...opened)).toBeGreaterThanOrEqual(NOW - 550 * DAY_MS);
    expect(Math.max(...opened)).toBeLessThanOrEqual(NOW);
    const currencies = new Set(deals.map((d) => d.currency));
    expect(currencies.size).toBeGreaterThanOrEqual(3);
    const rates = await db()
      .selectFrom('exchange_rates')
      .select(['currency', 'day', 'rate'])
      .where('workspace_id', '=', demo.workspaceId)
      .execute();
    const today = new Date(NOW).toISOString().slice(0, 10);
    for (const currency of currencies) {
      if (currency === 'USD') continue; // the workspace's base currency
      const own = rates.filter((r) => r.currency === currency && r.day <= today);
      expect(own.length, currency).toBeGreaterThanOrEqual(18);
    }
    expect(rates.find((r) => r.currency === 'SAR')?.rate).toBe('0.26666667');
    expect(deals.some((d) => ARABIC.test(d.title))).toBe(true);
    expect(deals.some((d) => !ARABIC.test(d.title))).toBe(true);
    expect(deals.filter((d) => d.amount_minor !== null).length).toBeGreaterThan(200);
  });

  it('names companies in Arabic and English, with contacts who can be reached', async () => {
    const companies = await db()
      .selectFrom('companies')
      .select(['name', 'domain', 'country', 'sector', 'size'])
      .where('workspace_id', '=', demo.workspaceId)
      .execute();
    expect(companies.some((c) => ARABIC.test(c.name))).toBe(true);
    expect(companies.some((c) => !ARABIC.test(c.name))).toBe(true);
    expect(companies.every((c) => c.domain?.endsWith('.example'))).toBe(true);
    const channels = await db()
      .selectFrom('contact_channels')
      .select(['kind', 'normalized'])
      .where('workspace_id', '=', demo.workspaceId)
      .execute();
    expect(channels.some((c) => c.normalized.startsWith('+9665'))).toBe(true);
    expect(channels.some((c) => c.normalized.startsWith('+9715'))).toBe(true);
    const roles = await db()
      .selectFrom('contacts')
      .select('role')
      .distinct()
      .where('workspace_id', '=', demo.workspaceId)
      .execute();
    expect(roles.map((r) => r.role).sort()).toEqual(
      ['champion', 'decision_maker', 'influencer', 'other', 'user'].sort(),
    );
  });

  it('records backward moves with their reason, apart from losses', async () => {
    const moves = await db()
      .selectFrom('stage_history as h')
      .innerJoin('stages as from', 'from.id', 'h.from_stage_id')
      .innerJoin('stages as to', 'to.id', 'h.to_stage_id')
      .select(['h.reason', 'from.position as from_position', 'to.position as to_position'])
      .where('h.workspace_id', '=', demo.workspaceId)
      .where('h.from_status', '=', 'open')
      .where('h.to_status', '=', 'open')
      .execute();
    const backward = moves.filter((m) => m.to_position < m.from_position);
    expect(backward.length).toBeGreaterThan(0);
    expect(backward.every((m) => (m.reason ?? '').length > 0)).toBe(true);
  });

  it('has done activities, next steps ahead, overdue ones and a few stale deals', async () => {
    const activities = await db()
      .selectFrom('activities')
      .select(['deal_id', 'kind', 'due_at', 'done_at', 'created_at'])
      .where('workspace_id', '=', demo.workspaceId)
      .execute();
    expect(activities).toHaveLength(demo.summary.activities);
    expect(new Set(activities.map((a) => a.kind))).toEqual(
      new Set(['call', 'email', 'meeting', 'task', 'note']),
    );
    const open = activities.filter((a) => a.done_at === null);
    expect(activities.filter((a) => a.done_at !== null).length).toBeGreaterThan(300);
    expect(open.filter((a) => a.due_at !== null && a.due_at >= NOW).length).toBeGreaterThan(10);
    expect(open.filter((a) => a.due_at !== null && a.due_at < NOW).length).toBeGreaterThan(0);
    expect(activities.every((a) => a.created_at <= NOW && (a.done_at ?? 0) <= NOW)).toBe(true);

    const deals = await db()
      .selectFrom('deals')
      .innerJoin('stages', 'stages.id', 'deals.stage_id')
      .select([
        'deals.id',
        'deals.status',
        'deals.stage_entered_at',
        'deals.last_activity_at',
        'stages.rotting_days',
      ])
      .where('deals.workspace_id', '=', demo.workspaceId)
      .execute();
    const lastDone = new Map<string, number>();
    const nextDue = new Map<string, number>();
    for (const a of activities) {
      if (!a.deal_id) continue;
      if (a.done_at !== null) {
        lastDone.set(a.deal_id, Math.max(lastDone.get(a.deal_id) ?? 0, a.done_at));
      } else if (a.due_at !== null) {
        nextDue.set(a.deal_id, Math.min(nextDue.get(a.deal_id) ?? Infinity, a.due_at));
      }
    }
    for (const deal of deals) expect(deal.last_activity_at).toBe(lastDone.get(deal.id) ?? null);
    const stale = deals.filter((d) =>
      isDealStale(
        {
          status: d.status,
          rottingDays: d.rotting_days,
          stageEnteredAt: d.stage_entered_at,
          lastActivityAt: d.last_activity_at,
          nextDueAt: nextDue.get(d.id) ?? null,
        },
        NOW,
      ),
    );
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(demo.summary.open / 2);
  });

  it('gives the same deals for the same seed, and other deals for another', async () => {
    // Small workspaces: the same seed twice, and another seed, loaded side by side.
    const [one, again, other] = await Promise.all([
      loadDemo({ seed: 42, deals: 40 }),
      loadDemo({ seed: 42, deals: 40 }),
      loadDemo({ seed: 7, deals: 40 }),
    ]);
    try {
      const first = await dealFingerprints(one);
      expect(first).toHaveLength(40);
      expect(await dealFingerprints(again)).toEqual(first);
      expect(again.summary).toEqual(one.summary);
      const otherTitles = (await dealFingerprints(other)).map((d) => d.title);
      expect(otherTitles).toHaveLength(40);
      expect(otherTitles).not.toEqual(first.map((d) => d.title));
    } finally {
      await Promise.all([one, again, other].map((loaded) => loaded.database.close()));
    }
  });
});
