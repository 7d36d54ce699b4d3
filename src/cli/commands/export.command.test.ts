import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQanat } from '../../../test/cli.js';
import { csvRecords, readXlsx, xlsxRecords } from '../../../test/spreadsheets.js';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-export-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'source', 'qanat.sqlite')}` };
  const demo = await runQanat(['demo', '--deals', '30'], { env });
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qanat export', () => {
  it('writes a filtered list as CSV in Arabic and as XLSX', async () => {
    const csvFile = join(dir, 'open-deals.csv');
    const csv = await runQanat(['export', 'deals', csvFile, '--status', 'open', '--lang', 'ar'], {
      env,
    });
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
    const records = csvRecords(readFileSync(csvFile, 'utf8'));
    expect(csv.stdout.trim()).toBe(`Exported ${records.length} deals to ${csvFile}`);
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.الحالة))).toEqual(new Set(['مفتوحة']));
    expect(records.every((r) => /[\u0600-\u06FF]/.test(r.المرحلة ?? ''))).toBe(true);

    const xlsxFile = join(dir, 'companies.xlsx');
    const xlsx = await runQanat(['export', 'companies', xlsxFile], { env });
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const sheet = await readXlsx(readFileSync(xlsxFile));
    expect(sheet.headers[0]).toBe('Name');
    expect(xlsxRecords(sheet).length).toBeGreaterThan(10);

    // --format decides when the name does not say: an XLSX workbook under another name.
    const named = join(dir, 'companies.download');
    const formatted = await runQanat(['export', 'companies', named, '--format', 'xlsx'], { env });
    expect(formatted.code, formatted.stderr).toBe(0);
    expect(xlsxRecords(await readXlsx(readFileSync(named)))).toEqual(xlsxRecords(sheet));
  }, 120_000);

  it('refuses a file that is neither .csv nor .xlsx, and a bad filter, with exit code 2', async () => {
    const pdf = await runQanat(['export', 'deals', join(dir, 'deals.pdf')], { env });
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('.csv or .xlsx');
    const status = await runQanat(['export', 'deals', join(dir, 'x.csv'), '--status', 'maybe'], {
      env,
    });
    expect(status.code).toBe(2);
    expect(status.stderr.trim().split('\n')).toHaveLength(1);
    expect(status.stderr).toContain('--status');
    const wrongList = await runQanat(
      ['export', 'companies', join(dir, 'x.csv'), '--status', 'open'],
      {
        env,
      },
    );
    expect(wrongList.code).toBe(2);
    for (const args of [
      ['--format', 'pdf'],
      ['--format', 'xlsx'],
    ]) {
      const refused = await runQanat(['export', 'deals', join(dir, 'x.csv'), ...args], { env });
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr.split('\n')[0], args.join(' ')).toMatch(/format/);
    }
    // Nothing half-written is left behind by a refused export.
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  }, 120_000);

  it('moves a workspace to a fresh database and back to the same file', async () => {
    const file = join(dir, 'workspace.jsonl');
    const exported = await runQanat(['export', 'workspace', file], { env });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('password hashes');
    expect(statSync(file).mode & 0o077).toBe(0);

    const fresh = { DATABASE_URL: `sqlite:${join(dir, 'copy', 'qanat.sqlite')}` };
    const imported = await runQanat(['import', 'workspace', file], { env: fresh });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /^Imported workspace "Qanat" \(.+\): \d+ records in \d+ tables/,
    );

    const again = join(dir, 'workspace-again.jsonl');
    expect((await runQanat(['export', 'workspace', again], { env: fresh })).code).toBe(0);
    const stable = (path: string) =>
      readFileSync(path, 'utf8').replace(/"exportedAt":"[^"]*"/, '"exportedAt":""');
    expect(stable(again)).toBe(stable(file));

    const twice = await runQanat(['import', 'workspace', file], { env: fresh });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already has workspace');
    const missing = await runQanat(['import', 'workspace', join(dir, 'nope.jsonl')], {
      env: fresh,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');

    // A damaged file is refused with one line naming what is wrong.
    const lines = readFileSync(file, 'utf8').split('\n');
    const damaged = join(dir, 'damaged.jsonl');
    const empty = { DATABASE_URL: `sqlite:${join(dir, 'empty', 'qanat.sqlite')}` };
    for (const [text, message] of [
      [
        [...lines.slice(0, 3), '{"row":', ...lines.slice(3)].join('\n'),
        'Line 4 of the workspace file: not JSON',
      ],
      [lines.slice(0, -2).join('\n'), 'cut short'],
    ] as const) {
      writeFileSync(damaged, text);
      const refused = await runQanat(['import', 'workspace', damaged], { env: empty });
      expect(refused.code).toBe(1);
      const [only, ...more] = refused.stderr.trim().split('\n');
      expect(more).toEqual([]);
      expect(only).toMatch(/^qanat: VALIDATION_FAILED: /);
      expect(only).toContain(message);
      expect(only).not.toContain('(line.');
    }
  }, 120_000);
});
