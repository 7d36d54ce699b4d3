import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../src/db/connection.js';
import type { Role } from '../src/domain/permissions.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { addUserToWorkspace } from '../src/services/access/user.service.js';
import { createWorkspace } from '../src/services/access/workspace.service.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** The clock of import tests: the fixtures' deals close before it. */
export const IMPORT_NOW = Date.parse('2026-03-01T09:00:00Z');
const PASSWORD = 'correct horse battery staple';

/** A file of test/fixtures/import. */
export function importFixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/import/${name}`, import.meta.url));
}

export interface ImportWorkspace {
  database: TestDatabase;
  db: Db;
  workspaceId: string;
  adminId: string;
  /** Omar Haddad, a rep: owners in the fixtures are named by email or by his name. */
  repId: string;
  /** A service context acting as `role` (the admin unless said), at IMPORT_NOW. */
  context: (role?: Role) => ServiceContext;
  /** A folder for the test's own files, removed on close. */
  dir: string;
  write: (name: string, content: string | Buffer) => string;
  close: () => Promise<void>;
}

/**
 * A fresh database with one workspace (USD, Asia/Riyadh, the default pipeline and lost
 * reasons), its admin owner@example.com and a rep, Omar Haddad.
 */
export async function createImportWorkspace(): Promise<ImportWorkspace> {
  const database = await createTestDatabase();
  const { db } = database;
  const workspace = await createWorkspace(
    db,
    { name: 'Import tests', baseCurrency: 'USD', timeZone: 'Asia/Riyadh' },
    IMPORT_NOW,
  );
  const add = (email: string, name: string, role: Role) =>
    addUserToWorkspace(db, workspace.id, { email, name, password: PASSWORD, role }, IMPORT_NOW);
  const admin = await add('owner@example.com', 'Amira Admin', 'admin');
  const rep = await add('omar@example.com', 'Omar Haddad', 'rep');
  const manager = await add('manager@example.com', 'Mona Manager', 'manager');
  const ids: Record<Role, string> = { admin: admin.id, rep: rep.id, manager: manager.id };
  const dir = mkdtempSync(join(tmpdir(), 'qanat-import-'));
  return {
    database,
    db,
    workspaceId: workspace.id,
    adminId: admin.id,
    repId: rep.id,
    dir,
    context: (role = 'admin') => ({
      db,
      now: IMPORT_NOW,
      actor: { workspaceId: workspace.id, userId: ids[role], role },
    }),
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    close: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every table an import may write, and the columns that order its rows. */
const TABLES = [
  'workspaces',
  'users',
  'memberships',
  'teams',
  'companies',
  'contacts',
  'contact_channels',
  'deals',
  'stage_history',
  'activities',
  'lost_reasons',
  'products',
  'deal_items',
  'external_refs',
] as const;

export interface DatabaseState {
  counts: Record<string, number>;
  /** SHA-256 over every row of every table, in a fixed order. */
  checksum: string;
}

/**
 * The row counts and a checksum of everything an import may touch: equal states mean the
 * database holds exactly the same data.
 */
export async function databaseState(db: Db): Promise<DatabaseState> {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const table of TABLES) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db))
      .rows;
    counts[table] = rows.length;
    const lines = rows.map((row) =>
      JSON.stringify(
        Object.keys(row)
          .sort()
          .map((key) => [key, String(row[key])]),
      ),
    );
    hash.update(`${table}\n${lines.sort().join('\n')}\n`);
  }
  return { counts, checksum: hash.digest('hex') };
}

/** An XLSX workbook of one or more sheets, as a spreadsheet program saves it. */
export async function buildXlsx(
  sheets: { name: string; rows: ExcelJS.CellValue[][]; isRightToLeft?: boolean }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, {
      views: [{ rightToLeft: sheet.isRightToLeft ?? false }],
    });
    for (const row of sheet.rows) worksheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
