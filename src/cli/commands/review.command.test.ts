import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQanat } from '../../../test/cli.js';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-review-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'data', 'qanat.sqlite')}` };
  const demo = await runQanat(['demo', '--deals', '80'], { env });
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qanat review', () => {
  it('prints every section as a table, and the same deals as JSON', async () => {
    const json = await runQanat(['review', '--json'], { env });
    expect(json.code).toBe(0);
    const worklist = JSON.parse(json.stdout);
    expect(Object.keys(worklist.sections)).toEqual([
      'stale',
      'overdue',
      'noNextStep',
      'valueUnverified',
      'slipping',
    ]);
    // The demo's open deals have amounts nobody verified.
    expect(worklist.sections.valueUnverified.total).toBeGreaterThan(0);
    const table = await runQanat(['review'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Pipeline review · \d{4}-\d{2}-\d{2}/);
    const unverified = worklist.sections.valueUnverified;
    expect(table.stdout).toContain(
      `Value not verified with the buyer — ${unverified.total} deal${unverified.total === 1 ? '' : 's'}`,
    );
    expect(table.stdout).toContain(unverified.deals[0].title);

    const one = await runQanat(['review', '--section', 'stale', '--json'], { env });
    expect(Object.keys(JSON.parse(one.stdout).sections)).toEqual(['stale']);
  });

  it('refuses an unknown section or pipeline with one line and a non-zero exit', async () => {
    const section = await runQanat(['review', '--section', 'rotten'], { env });
    expect(section.code).toBe(2);
    expect(section.stderr).toMatch(/--section must be one of stale, overdue/);
    const pipeline = await runQanat(['review', '--pipeline', 'Nowhere'], { env });
    expect(pipeline.code).not.toBe(0);
    expect(pipeline.stderr).toMatch(/Pipeline "Nowhere" not found/);
  });
});
