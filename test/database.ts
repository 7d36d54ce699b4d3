import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Db } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';

export interface TestDatabase {
  db: Db;
  file: string;
  close: () => Promise<void>;
}

/** A real, migrated SQLite file in a fresh temporary folder, removed on close. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'qanat-test-'));
  const file = join(dir, 'qanat.sqlite');
  const db = connect({ kind: 'sqlite', file });
  await migrateToLatest(db);
  return {
    db,
    file,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
