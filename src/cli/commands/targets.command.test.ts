import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQanat } from '../../../test/cli.js';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-targets-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'data', 'qanat.sqlite')}` };
  const demo = await runQanat(['demo', '--deals', '60'], { env });
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function currentQuarter(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

describe('qanat targets', () => {
  it('sets a target, changes it, and reports its progress and the deals needed', async () => {
    const quarter = currentQuarter();
    const set = await runQanat(['targets', 'set', '--period', quarter, '--amount', '100000'], {
      env,
    });
    expect(set.stderr).toBe('');
    expect(set.stdout).toMatch(new RegExp(`^Set the target of workspace for ${quarter}: 100,000`));
    const changed = await runQanat(
      ['targets', 'set', '--period', quarter, '--amount', '150000.50'],
      { env },
    );
    expect(changed.stdout).toMatch(/^Changed the target of workspace/);

    const listed = await runQanat(['targets', 'list', '--period', quarter, '--json'], { env });
    expect(listed.code).toBe(0);
    const [progress, ...others] = JSON.parse(listed.stdout);
    expect(others).toEqual([]);
    expect(progress.target.scope).toBe('workspace');
    const exponent = progress.targetAmount.currency === 'JPY' ? 0 : 2;
    expect(progress.targetAmount.minor).toBe(15_000_050 * 10 ** (exponent - 2));
    expect(progress.remaining.minor).toBe(
      Math.max(0, progress.targetAmount.minor - progress.wonSoFar.minor),
    );
    expect(progress.opportunitiesNeeded.length).toBeGreaterThan(0);
    for (const stage of progress.opportunitiesNeeded) {
      expect(stage.probability).toBeGreaterThanOrEqual(0);
      expect(stage.probability).toBeLessThanOrEqual(1);
    }

    const table = await runQanat(['targets', 'list'], { env });
    expect(table.stdout).toMatch(/Target workspace/);
    expect(table.stdout).toMatch(/More deals needed entering each stage/);
  });

  it('answers an unknown owner and a bad amount with a one-line error', async () => {
    const owner = await runQanat(['targets', 'list', '--scope', 'owner:nobody@example.com'], {
      env,
    });
    expect(owner.code).not.toBe(0);
    expect(owner.stderr).toMatch(/No member nobody@example.com/);
    const amount = await runQanat(['targets', 'set', '--period', '2026-Q1', '--amount', 'lots'], {
      env,
    });
    expect(amount.code).not.toBe(0);
    expect(amount.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('qanat bottlenecks', () => {
  it('compares every open stage’s recent window with its own past, as JSON or a table', async () => {
    const json = await runQanat(['bottlenecks', '--days', '60', '--json'], { env });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.days).toBe(60);
    expect(report.stages.length).toBeGreaterThan(0);
    for (const stage of report.stages) {
      expect(typeof stage.isBottleneck).toBe('boolean');
      expect(stage.conversion.recent.decided).toBe(
        stage.conversion.recent.entered - stage.conversion.recent.pending,
      );
    }
    const table = await runQanat(['bottlenecks'], { env });
    expect(table.stdout).toMatch(/Last 30 days against the 180 days before/);
    const bad = await runQanat(['bottlenecks', '--days', '0'], { env });
    expect(bad.code).toBe(2);
  });
});
