import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { newId } from '../id.js';
import { up } from './2026-12-02-0007-activity-search-text.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

describe('migration 0007: activities’ search text', () => {
  it('adds the column and folds the subject and note of every existing activity', async () => {
    const { db } = database;
    // The schema before this migration: activities without the column.
    await sql`alter table activities drop column search_text`.execute(db);
    const workspaceId = newId();
    await db
      .insertInto('workspaces')
      .values({
        id: workspaceId,
        name: 'Before',
        base_currency: 'USD',
        default_locale: 'ar',
        time_zone: 'Asia/Riyadh',
        week_start: 0,
        reps_see_own_deals_only: 0,
        probability_mode: 'configured',
        created_at: 0,
      })
      .execute();
    // More than two batches of 500.
    const rows = Array.from({ length: 1_001 }, (_, i) => ({
      id: newId(),
      workspace_id: workspaceId,
      kind: 'call',
      subject: i === 0 ? 'مكالمة مع أحمد' : `Call ${i}`,
      note: i === 0 ? 'عَرض السعر' : null,
      created_at: 0,
      updated_at: 0,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await sql`insert into activities (id, workspace_id, kind, subject, note, created_at,
        updated_at) values ${sql.join(
          rows
            .slice(i, i + 200)
            .map(
              (r) =>
                sql`(${r.id}, ${r.workspace_id}, ${r.kind}, ${r.subject}, ${r.note}, ${r.created_at}, ${r.updated_at})`,
            ),
        )}`.execute(db);
    }

    await up(db);

    const folded = await db
      .selectFrom('activities')
      .select(['id', 'search_text'])
      .orderBy('id')
      .execute();
    expect(folded).toHaveLength(1_001);
    expect(folded[0]?.search_text).toBe('مكالمه مع احمد عرض السعر');
    expect(folded.at(-1)?.search_text).toBe('call 1000');
    expect(folded.filter((r) => r.search_text === '')).toEqual([]);
  });
});
