import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQanat } from '../../../test/cli.js';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-forecast-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'data', 'qanat.sqlite')}` };
  const demo = await runQanat(['demo', '--deals', '40'], { env });
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The quarter of today in UTC, the time zone of the workspace the CLI creates. */
function currentQuarter(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

describe('qanat forecast', () => {
  it('prints the current quarter’s forecast as JSON with every documented key', async () => {
    const result = await runQanat(['forecast', '--period', currentQuarter(), '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const forecast = JSON.parse(result.stdout);
    for (const key of [
      'period',
      'currency',
      'wonSoFar',
      'weightedOpen',
      'expected',
      'range',
      'byCategory',
      'overdue',
      'probabilityMode',
      'generatedAt',
    ]) {
      expect(forecast, key).toHaveProperty(key);
    }
    expect(forecast.period.name).toBe(currentQuarter());
    expect(Object.keys(forecast.byCategory).sort()).toEqual(['best_case', 'commit', 'pipeline']);
    expect(forecast.byCategory.commit).toEqual({
      count: expect.any(Number),
      amount: { minor: expect.any(Number), currency: forecast.currency },
      weighted: { minor: expect.any(Number), currency: forecast.currency },
    });
    expect(forecast.wonSoFar.minor + forecast.weightedOpen.minor).toBe(forecast.expected.minor);
    expect(forecast.range.low.minor).toBeLessThanOrEqual(forecast.expected.minor);
    expect(forecast.range.high.minor).toBeGreaterThanOrEqual(forecast.expected.minor);
  });

  it('prints a table by default, and a backtest on request', async () => {
    const table = await runQanat(
      ['forecast', '--period', currentQuarter(), '--pipeline', 'Sales'],
      {
        env,
      },
    );
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Forecast \d{4}-Q\d/);
    expect(table.stdout).toMatch(/Won so far/);
    expect(table.stdout).toMatch(/Range \(90 %\)/);
    const backtest = await runQanat(
      [
        'forecast',
        '--backtest',
        '--from',
        '2025-01',
        '--to',
        '2025-07',
        '--grain',
        'quarter',
        '--json',
      ],
      { env },
    );
    expect(backtest.code).toBe(0);
    expect(
      JSON.parse(backtest.stdout).periods.map((p: { period: { name: string } }) => p.period.name),
    ).toEqual(['2025-Q1', '2025-Q2']);
  });

  it('refuses a bad period with one line and a non-zero exit code', async () => {
    const bad = await runQanat(['forecast', '--period', '2026-Q5', '--json'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^qanat: VALIDATION_FAILED: Not a period: 2026-Q5/);
    const missing = await runQanat(['forecast'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const unknownPipeline = await runQanat(['forecast', '--period', '2026', '--pipeline', 'Nope'], {
      env,
    });
    expect(unknownPipeline.code).toBe(1);
    expect(unknownPipeline.stderr).toMatch(/Pipeline "Nope" not found/);
  });
});

describe('qanat pipeline-changes', () => {
  it('prints the waterfall of the last 90 days that adds up, and JSON on request', async () => {
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    const json = await runQanat(['pipeline-changes', '--from', from, '--json'], { env });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const { total } = JSON.parse(json.stdout);
    const steps = total.steps.reduce(
      (s: number, x: { amount: { minor: number } }) => s + x.amount.minor,
      0,
    );
    expect(total.start.amount.minor + steps).toBe(total.end.amount.minor);
    expect(total.steps.some((s: { count: number }) => s.count > 0)).toBe(true);
    const table = await runQanat(
      ['pipeline-changes', '--from', from, '--group-by', 'stage', '--pipeline', 'Sales'],
      { env },
    );
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Pipeline changes · Sales/);
    expect(table.stdout).toMatch(/Open at the start/);
    expect(table.stdout).toMatch(/Open at the end/);
  });

  it('refuses a missing start, a bad grouping or a future start with one line', async () => {
    const missing = await runQanat(['pipeline-changes'], { env });
    expect(missing.code).toBe(2);
    const group = await runQanat(['pipeline-changes', '--from', '2026-01-01', '--group-by', 'x'], {
      env,
    });
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/--group-by/);
    const future = await runQanat(['pipeline-changes', '--from', '2999-01-01'], { env });
    expect(future.code).toBe(1);
    expect(future.stderr.trim().split('\n')).toHaveLength(1);
    expect(future.stderr).toMatch(/VALIDATION_FAILED/);
  });
});
