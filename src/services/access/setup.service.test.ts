import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { countWorkspaces } from '../../db/workspace.repository.js';
import { isSetupNeeded, setUpFirstWorkspace } from './setup.service.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const input = (email: string) => ({
  workspace: { name: `Workspace of ${email}` },
  admin: { email, name: email, password: 'a long enough password' },
});

describe('first-run setup', () => {
  it('lets exactly one of two simultaneous first runs win', async () => {
    expect(await isSetupNeeded(database.db)).toBe(true);
    const outcomes = await Promise.allSettled([
      setUpFirstWorkspace(database.db, input('first@example.com'), 1),
      setUpFirstWorkspace(database.db, input('second@example.com'), 1),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'SETUP_ALREADY_DONE' });
    expect(await countWorkspaces(database.db)).toBe(1);
    expect(await isSetupNeeded(database.db)).toBe(false);
  });
});
