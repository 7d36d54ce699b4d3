/**
 * One board column of 5,000 open deals, scrolled from top to bottom in a real browser: how many
 * card elements the page holds at each step against how many cards the column has loaded (what
 * a column drawing every loaded card would hold, the baseline), and the time a scroll step takes
 * to settle. Pages load by themselves near the end.
 *   node --import tsx bench/board-scroll.bench.ts [--deals 5000]
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureWebBuild, launchChromium } from '../test/browser.js';
import { startServer } from '../test/cli.js';
import { parseCount } from './bench-dataset.js';
import { BENCH_EMAIL, BENCH_PASSWORD, freePort, seedBoard } from './board-seed.js';

const { values } = parseArgs({ options: { deals: { type: 'string', default: '5000' } } });
const dealCount = parseCount(values.deals, '--deals');

ensureWebBuild();
const { dir, file } = await seedBoard(dealCount, { oneStage: true });
const server = await startServer({ DATABASE_URL: `sqlite:${file}` }, await freePort());
const browser = await launchChromium();
interface Step {
  loaded: number;
  inDom: number;
  nodes: number;
  ms: number;
}
const steps: Step[] = [];
try {
  const page = await (
    await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' })
  ).newPage();
  await page.goto(server.base);
  await page.getByLabel('Email').fill(BENCH_EMAIL);
  await page.getByLabel('Password').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const column = page.locator('section.column').first();
  await column.locator('li.deal-card').first().waitFor();
  // Two pages by the button: past 60 cards the column draws only what is in view.
  const more = column.getByRole('button', { name: /^Show more/ });
  for (let i = 0; i < 2; i += 1) {
    const before = await column.locator('li.deal-card').count();
    await more.click();
    await page.waitForFunction(
      ([n]) =>
        document.querySelectorAll('section.column')[0]?.querySelectorAll('li.deal-card').length !==
        n,
      [before],
    );
  }
  const read = () =>
    page.evaluate(() => {
      const list = document.querySelector('section.column ul') as HTMLElement;
      const box = document.querySelector('section.column .column__scroll') as HTMLElement;
      const count = Number(
        /\d[\d,]*/
          .exec(document.querySelector('.column__count')?.textContent ?? '')?.[0]
          ?.replace(/,/g, '') ?? 0,
      );
      return {
        inDom: list.querySelectorAll('li.deal-card').length,
        nodes: list.querySelectorAll('*').length,
        atEnd: box.scrollTop + box.clientHeight >= box.scrollHeight - 2,
        scrollHeight: box.scrollHeight,
        count,
      };
    });
  let loaded = 0;
  for (let step = 0; step < 10_000; step += 1) {
    const started = performance.now();
    await page.evaluate(() => {
      const box = document.querySelector('section.column .column__scroll') as HTMLElement;
      box.scrollTop += box.clientHeight * 3;
    });
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const ms = performance.now() - started;
    const now = await read();
    // What the column holds: the last card's index says how many are loaded.
    loaded = await page.evaluate(() => {
      const indexes = [...document.querySelectorAll('section.column ul li.deal-card')].map((li) =>
        Number(li.getAttribute('data-index') ?? 0),
      );
      return Math.max(0, ...indexes) + 1;
    });
    steps.push({ loaded, inDom: now.inDom, nodes: now.nodes, ms });
    if (now.atEnd && loaded >= now.count) break;
    if (now.atEnd) await page.waitForTimeout(150);
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const maxDom = Math.max(...steps.map((s) => s.inDom));
const maxNodes = Math.max(...steps.map((s) => s.nodes));
const last = steps.at(-1);
const sortedMs = steps.map((s) => s.ms).sort((a, b) => a - b);
const median = sortedMs[Math.floor(sortedMs.length / 2)] ?? 0;
console.log(
  `Browser: Chromium (Debian), headless; one column of ${dealCount.toLocaleString('en')} open deals; ${steps.length} scroll steps of three screens; SQLite`,
);
console.log('| measure | value |');
console.log('|:--|--:|');
console.log(
  `| cards loaded at the end (baseline: card elements if all were drawn) | ${last?.loaded ?? 0} |`,
);
console.log(`| most card elements in the DOM at any step | ${maxDom} |`);
console.log(
  `| ratio drawn / loaded | ${((maxDom / Math.max(1, last?.loaded ?? 1)) * 100).toFixed(2)} % |`,
);
console.log(`| most elements inside the column's list at any step | ${maxNodes} |`);
console.log(`| scroll step → next frame, median | ${median.toFixed(1)} ms |`);
