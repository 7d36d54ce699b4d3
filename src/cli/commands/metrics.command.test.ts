import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQanat } from '../../../test/cli.js';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-metrics-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'data', 'qanat.sqlite')}` };
  const demo = await runQanat(['demo', '--deals', '40'], { env });
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo spreads its deals over the 18 months before today: this period holds them all. */
function demoPeriod(): [string, string] {
  const now = new Date();
  const day = (year: number, month: number) =>
    new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return [
    day(now.getUTCFullYear() - 2, now.getUTCMonth()),
    day(now.getUTCFullYear(), now.getUTCMonth() + 1),
  ];
}

describe('qanat metrics', () => {
  it('prints every metric as JSON with the documented keys', async () => {
    const [from, to] = demoPeriod();
    const result = await runQanat(['metrics', '--from', from, '--to', to, '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const metrics = JSON.parse(result.stdout);
    for (const key of [
      'winRate',
      'wonCount',
      'lostCount',
      'wonAmount',
      'averageWonAmount',
      'salesCycleDays',
      'stageConversion',
      'leadVelocityRate',
      'timeInStage',
      'funnel',
      'mqlToSql',
      'salesVelocity',
      'lostByReason',
      'lostByStage',
      'leaderboard',
    ]) {
      expect(metrics, key).toHaveProperty(key);
    }
    expect(metrics.wonCount + metrics.lostCount).toBeGreaterThan(0);
    expect(metrics.winRate).toBeGreaterThanOrEqual(0);
    expect(metrics.winRate).toBeLessThanOrEqual(1);
    expect(metrics.wonAmount).toEqual({ minor: expect.any(Number), currency: 'USD' });
    expect(Number.isInteger(metrics.wonAmount.minor)).toBe(true);
    expect(metrics.averageWonAmount).toEqual({ minor: expect.any(Number), currency: 'USD' });
    expect(metrics.salesCycleDays).toEqual({
      mean: expect.any(Number),
      median: expect.any(Number),
    });
    expect(metrics.stageConversion[0]).toEqual({
      stage: 'lead_generation',
      nameEn: 'Lead generation',
      nameAr: expect.any(String),
      entered: expect.any(Number),
      advanced: expect.any(Number),
      stillOpen: expect.any(Number),
      rate: expect.any(Number),
    });
    expect(metrics.leadVelocityRate[0]).toEqual({
      month: from.slice(0, 7),
      qualified: expect.any(Number),
      rate: metrics.leadVelocityRate[0].rate === null ? null : expect.any(Number),
    });
  });

  it('prints aligned tables by default, and refuses an unknown owner', async () => {
    const [from, to] = demoPeriod();
    const result = await runQanat(['metrics', '--from', from, '--to', to], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Metrics for Sales, /);
    expect(result.stdout).toMatch(/^Win rate\s+\d+\.\d% \(\d+ won, \d+ lost\)$/m);
    expect(result.stdout).toMatch(/^Stage\s+Entered\s+Advanced\s+Still open\s+Conversion/m);
    expect(result.stdout).toMatch(/^Lead generation\s+\d+\s+\d+/m);
    const owner = await runQanat(
      ['metrics', '--from', from, '--to', to, '--owner', 'NONE@example.com'],
      { env },
    );
    expect(owner.code).toBe(1);
    expect(owner.stderr.trim().split('\n')).toHaveLength(1);
    expect(owner.stderr).toMatch(/^qanat: VALIDATION_FAILED: No member/);
  });

  it('refuses a bad day or period with one line and a non-zero exit code', async () => {
    const badDay = await runQanat(['metrics', '--from', '2026-02-30', '--to', '2026-04-01'], {
      env,
    });
    expect(badDay.code).toBe(2);
    expect(badDay.stderr.trim().split('\n')).toHaveLength(1);
    expect(badDay.stderr).toContain('--from must be a day');
    const missing = await runQanat(['metrics', '--from', '2026-01-01'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--to is required');
    const reversed = await runQanat(['metrics', '--from', '2026-04-01', '--to', '2026-01-01'], {
      env,
    });
    expect(reversed.code).toBe(1);
    expect(reversed.stderr.trim().split('\n')).toHaveLength(1);
    expect(reversed.stderr).not.toMatch(/\bat \S+:\d+:\d+/); // no stack trace
    const badAsOf = await runQanat(
      ['metrics', '--from', '2026-01-01', '--to', '2026-04-01', '--as-of', 'someday'],
      { env },
    );
    expect(badAsOf.code).toBe(1);
    expect(badAsOf.stderr).toContain('asOf');
  });
});
