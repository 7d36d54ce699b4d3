/**
 * The board in a real browser with 10,000 open deals in one pipeline: time from navigation to
 * the first cards, how many card elements the page holds, and the time from a drop to the card
 * settling in its new column (at once, optimistically) and to the server's confirmed board.
 *   node --import tsx bench/board-browser.bench.ts [--deals 10000] [--runs 5]
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureWebBuild, launchChromium } from '../test/browser.js';
import { startServer } from '../test/cli.js';
import { parseCount } from './bench-dataset.js';
import { BENCH_EMAIL, BENCH_PASSWORD, freePort, seedBoard } from './board-seed.js';

const { values } = parseArgs({
  options: { deals: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } },
});
const dealCount = parseCount(values.deals, '--deals');
const runs = parseCount(values.runs, '--runs');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

ensureWebBuild();
const { dir, file } = await seedBoard(dealCount);

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
  await page.getByLabel('Email').fill(BENCH_EMAIL);
  await page.getByLabel('Password').fill(BENCH_PASSWORD);
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
