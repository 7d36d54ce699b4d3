import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../db/connection.js';
import { runQanat } from '../../../test/cli.js';
import { importFixture } from '../../../test/import-fixtures.js';

const MAVEN = fileURLToPath(new URL('../../../examples/maven-crm/mapping.json', import.meta.url));

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-import-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'qanat.sqlite')}` };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('qanat import', () => {
  it('imports the Maven sample into a fresh database, then reports its metrics', async () => {
    const imported = await runQanat(['import', '--mapping', MAVEN, '--json', '--quiet'], {
      env,
      timeoutMs: 120_000,
    });
    expect(imported.code, imported.stderr).toBe(0);
    const plan = JSON.parse(imported.stdout);
    expect(
      plan.files.map((f: { kind: string; rows: { created: number } }) => [f.kind, f.rows.created]),
    ).toEqual([
      ['users', 35],
      ['companies', 85],
      ['products', 7],
      ['deals', 8_800],
    ]);

    const metrics = await runQanat(
      ['metrics', '--from', '2016-01-01', '--to', '2018-01-01', '--json'],
      {
        env,
      },
    );
    expect(metrics.code, metrics.stderr).toBe(0);
    const m = JSON.parse(metrics.stdout);
    expect(m.wonCount).toBe(4_238);
    expect(m.winRate).toBeCloseTo(0.6315, 4);
    expect(m.wonAmount).toEqual({ minor: 1_000_553_400, currency: 'USD' });
    expect(m.salesCycleDays.mean).toBeCloseTo(51.78, 2);
  }, 120_000);

  it('refuses a file with a rejected row: exit 1, file:line and column of each, nothing written', {
    timeout: 60_000,
  }, async () => {
    const result = await runQanat(['import', 'deals', importFixture('deals-bad.csv')], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/refused: nothing written/);
    const file = importFixture('deals-bad.csv');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:3: column 1 "Title": the deal title is empty`,
      `${file}:4: column 2 "Amount" ("12x"): not an amount: "12x" (read with "." as the decimal separator; if the file writes decimals with ",", declare "decimalSeparator": "," in the mapping)`,
      expect.stringMatching(
        new RegExp(`^${file}:5: column 3 "Stage" \\("Engaging"\\): unknown stage "Engaging"`),
      ),
      `${file}:6: column 5 "Close date": a won deal needs its closing date`,
    ]);
    const db = connect({ kind: 'sqlite', file: join(dir, 'qanat.sqlite') });
    try {
      const deals = await db.selectFrom('deals').select('id').execute();
      expect(deals).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('imports the valid rows with --valid-only and writes the others beside the file', {
    timeout: 60_000,
  }, async () => {
    const path = write('deals.csv', readFileSync(importFixture('deals-bad.csv'), 'utf8'));
    const result = await runQanat(['import', 'deals', path, '--valid-only', '--quiet'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rows: 6 — created 2, updated 0, skipped 0, rejected 4/);
    const rejects = join(dir, 'deals.rejected.csv');
    expect(result.stderr).toContain(`4 rejected rows written to ${rejects}`);
    expect(readFileSync(rejects, 'utf8').split('\n')).toHaveLength(6);
  });

  it('checks with --dry-run, and says where a mapping does not fit', {
    timeout: 90_000,
  }, async () => {
    const file = importFixture('deals-ambiguous.csv');
    const dry = await runQanat(['import', 'deals', file, '--dry-run'], { env });
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain(`${file}:3: column 4 "Created" ("03/02/2026"): ambiguous date`);
    const declared = await runQanat(
      ['import', 'deals', file, '--dry-run', '--date-format', 'dmy'],
      {
        env,
      },
    );
    expect(declared.code).toBe(0);
    expect(declared.stdout).toMatch(/dry run: nothing written/);
    expect(existsSync(join(dir, 'qanat.sqlite'))).toBe(true);

    const mapping = write('m.json', JSON.stringify({ columns: { Titel: 'title' } }));
    const misfit = await runQanat(
      ['import', 'deals', importFixture('deals-generic.csv'), '--mapping', mapping],
      { env },
    );
    expect(misfit.code).toBe(1);
    expect(misfit.stderr).toContain('VALIDATION_FAILED');
    expect(misfit.stderr).toContain(`columns: Titel: No column "Titel" in the file`);

    const badFlag = await runQanat(
      ['import', 'deals', importFixture('deals-generic.csv'), '--date-format', 'ydm'],
      {
        env,
      },
    );
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--date-format must be one of iso, dmy, mdy');
  });

  it('brings a Salesforce export folder in: a dry run writes nothing, a stage typo exits 1 with file:line', {
    timeout: 60_000,
  }, async () => {
    const folder = fileURLToPath(
      new URL('../../../test/fixtures/migrations/salesforce', import.meta.url),
    );
    const dry = await runQanat(['import', 'salesforce', folder, '--dry-run', '--quiet'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`salesforce export ${folder}: dry run: nothing written`);
    expect(dry.stdout).toContain(
      'pipeline Salesforce (created): Prospecting → Qualification → Proposal/Price Quote → ' +
        'Negotiation/Review → Closed Won',
    );
    expect(dry.stdout).toContain('files not read: Lead.csv');

    const done = await runQanat(['import', 'salesforce', folder, '--json', '--quiet'], { env });
    expect(done.code, done.stderr).toBe(0);
    const report = JSON.parse(done.stdout);
    expect(report.committed).toBe(true);
    expect(
      report.files.map((f: { kind: string; rows: { created: number } }) => [
        f.kind,
        f.rows.created,
      ]),
    ).toEqual([
      ['users', 2],
      ['companies', 2],
      ['contacts', 2],
      ['products', 1],
      ['deals', 4],
      ['activities', 2],
      ['activities', 1],
    ]);

    const copy = join(dir, 'export');
    cpSync(folder, copy, { recursive: true });
    const opportunities = join(copy, 'Opportunity.csv');
    writeFileSync(
      opportunities,
      readFileSync(opportunities, 'utf8').replace(',Prospecting,', ',Prospectin,'),
    );
    const typo = await runQanat(['import', 'salesforce', copy, '--quiet'], { env });
    expect(typo.code).toBe(1);
    expect(typo.stdout).toContain('refused: nothing written');
    expect(typo.stderr).toMatch(
      /^Opportunity\.csv:\d+: column \d+ "StageName" \("Prospectin"\): .*did you mean "Prospecting"/m,
    );

    const missing = await runQanat(['import', 'hubspot'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Name the export folder: qanat import hubspot <folder>');
  });
});
