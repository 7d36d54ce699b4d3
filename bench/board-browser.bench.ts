/**
 * The board in a real browser with 10,000 open deals in one pipeline: time from navigation to
 * the first cards, how many card elements the page holds, and the time from a drop to the card
 * settling in its new column (at once, optimistically) and to the server's confirmed board.
 *   node --import tsx bench/board-browser.bench.ts [--deals 10000] [--runs 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/db/connection.js';
import { newId } from '../src/db/id.js';
import { optimizeDatabase } from '../src/db/maintenance.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { listStages, findDefaultPipeline } from '../src/db/pipeline.repository.js';
import { buildSearchText } from '../src/domain/search-text.js';
import { orderStages } from '../src/domain/stage.js';
import { addUserToWorkspace } from '../src/services/access/user.service.js';
import { createWorkspace } from '../src/services/access/workspace.service.js';
import { ensureWebBuild, launchChromium } from '../test/browser.js';
import { startServer } from '../test/cli.js';
import { insertInChunks } from './batch-insert.js';
import { parseCount } from './bench-dataset.js';

const { values } = parseArgs({
  options: { deals: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
const dealCount = parseCount(values.deals, '--deals');
const runs = parseCount(values.runs, '--runs');
const PASSWORD = 'a long enough password';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

ensureWebBuild();
const dir = mkdtempSync(join(tmpdir(), 'qanat-browser-bench-'));
const file = join(dir, 'qanat.sqlite');
const db = connect({ kind: 'sqlite', file });
await migrateToLatest(db);
const now = Date.now();
const workspace = await createWorkspace(db, { name: 'Browser bench' }, now);
const admin = await addUserToWorkspace(
  db,
  workspace.id,
  { email: 'bench@example.com', name: 'Bench', password: PASSWORD, role: 'admin' },
  now,
);
const pipeline = await findDefaultPipeline(db, workspace.id);
if (!pipeline) throw new Error('no pipeline');
const openStages = orderStages(await listStages(db, workspace.id, pipeline.id)).filter(
  (s) => s.kind === 'open',
);
const deals = [];
const history = [];
for (let i = 0; i < dealCount; i += 1) {
  const stage = openStages[i % openStages.length];
  if (!stage) throw new Error('no stage');
  const id = newId();
  const at = now - (i % 90) * 86_400_000;
  const title = `Deal ${i + 1}`;
  deals.push({
    id,
    workspace_id: workspace.id,
    pipeline_id: pipeline.id,
    stage_id: stage.id,
    title,
    company_id: null,
    owner_id: admin.id,
    amount_minor: 100_000 + i * 37,
    currency: 'USD',
    amount_source: 'estimate',
    expected_close_date: null,
    probability_override: null,
    source: null,
    status: 'open',
    lost_reason_id: null,
    lost_note: null,
    opened_at: at,
    closed_at: null,
    stage_entered_at: at,
    last_activity_at: null,
    search_text: buildSearchText(title),
    created_at: at,
    updated_at: at + i,
    deleted_at: null,
    version: 1,
  });
  history.push({
    id: newId(),
    workspace_id: workspace.id,
    deal_id: id,
    from_stage_id: null,
    to_stage_id: stage.id,
    from_status: null,
    to_status: 'open',
    at,
    actor_user_id: admin.id,
    reason: null,
    lost_reason_id: null,
  });
}
await insertInChunks(db, 'deals', deals);
await insertInChunks(db, 'stage_history', history);
await optimizeDatabase(db);
await db.destroy();

const server = await startServer({ DATABASE_URL: `sqlite:${file}` }, await freePort());
const browser = await launchChromium();
const firstCards: number[] = [];
const optimistic: number[] = [];
const confirmed: number[] = [];
let cardElements = 0;
try {
  const context = await browser.newContext({
    viewport: { width: 2100, height: 1000 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  await page.goto(server.base);
  await page.getByLabel('Email').fill('bench@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('listitem').first().waitFor();
  for (let run = 0; run < runs; run += 1) {
    const started = Date.now();
    await page.goto(server.base);
    await page.getByRole('listitem').first().waitFor();
    firstCards.push(Date.now() - started);
    cardElements = await page.locator('li.deal-card').count();

    const first = page.locator('section.column').nth(0);
    const second = page.locator('section.column').nth(1);
    const cardItem = first.locator('li.deal-card').first();
    const title = (await cardItem.getAttribute('aria-label')) ?? '';
    const from = await cardItem.boundingBox();
    const to = await second.boundingBox();
    if (!from || !to) throw new Error('board not visible');
    const boardResponse = page.waitForResponse(
      (r) => r.url().includes('/api/v1/board') && r.request().method() === 'GET',
      { timeout: 30_000 },
    );
    await page.mouse.move(from.x + from.width / 2, from.y + 12);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 2 });
    await page.mouse.move(to.x + to.width / 2, to.y + 100, { steps: 8 });
    const dropped = Date.now();
    await page.mouse.up();
    await second.getByRole('listitem', { name: title, exact: true }).waitFor();
    optimistic.push(Date.now() - dropped);
    await boardResponse;
    confirmed.push(Date.now() - dropped);
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `Browser: Chromium (Debian), headless; ${dealCount.toLocaleString('en')} open deals in one pipeline; ${runs} runs; SQLite`,
);
console.log('| measure | median | min | max |');
console.log('|:--|--:|--:|--:|');
const row = (name: string, xs: number[]) =>
  console.log(`| ${name} | ${median(xs)} ms | ${Math.min(...xs)} ms | ${Math.max(...xs)} ms |`);
row('navigation → first cards visible', firstCards);
row('drop → card settled in new column (optimistic)', optimistic);
row('drop → server-confirmed board received', confirmed);
console.log(`| card elements in the DOM | ${cardElements} | | |`);
