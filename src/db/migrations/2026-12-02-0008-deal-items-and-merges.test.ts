import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { newId } from '../id.js';
import { up } from './2026-12-02-0008-deal-items-and-merges.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

describe('migration 0008: line-item discounts, record merges, my-day index', () => {
  it('gives existing items no discount and position 0, and adds the merges table', async () => {
    const { db } = database;
    // The schema before this migration.
    await sql`drop index activities_owner_open_due`.execute(db);
    await sql`drop table record_merges`.execute(db);
    await sql`alter table deal_items drop column discount_bp`.execute(db);
    await sql`alter table deal_items drop column position`.execute(db);
    const workspaceId = newId();
    await db
      .insertInto('workspaces')
      .values({
        id: workspaceId,
        name: 'Before',
        base_currency: 'USD',
        default_locale: 'en',
        time_zone: 'Asia/Riyadh',
        week_start: 0,
        reps_see_own_deals_only: 0,
        probability_mode: 'configured',
        created_at: 0,
      })
      .execute();
    const [pipelineId, stageId, dealId, productId, itemId] = [
      newId(),
      newId(),
      newId(),
      newId(),
      newId(),
    ];
    await sql`insert into pipelines (id, workspace_id, name_en, name_ar, position, is_default,
      created_at) values (${pipelineId}, ${workspaceId}, 'Sales', 'المبيعات', 0, 1, 0)`.execute(db);
    await sql`insert into stages (id, workspace_id, pipeline_id, key, name_en, name_ar, position,
      kind, probability, forecast_category, exit_criteria, is_first_qualified) values (${stageId},
      ${workspaceId}, ${pipelineId}, 'lead', 'Lead', 'عميل', 0, 'open', 10, 'pipeline', '[]', 0)`.execute(
      db,
    );
    await sql`insert into deals (id, workspace_id, pipeline_id, stage_id, title, currency,
      amount_source, status, opened_at, stage_entered_at, search_text, created_at, updated_at)
      values (${dealId}, ${workspaceId}, ${pipelineId}, ${stageId}, 'Old deal', 'USD', 'estimate',
      'open', 0, 0, 'old deal', 0, 0)`.execute(db);
    await sql`insert into products (id, workspace_id, name, currency, created_at, updated_at)
      values (${productId}, ${workspaceId}, 'Old product', 'USD', 0, 0)`.execute(db);
    await sql`insert into deal_items (id, workspace_id, deal_id, product_id, quantity,
      unit_price_minor, currency) values (${itemId}, ${workspaceId}, ${dealId}, ${productId}, 2,
      500, 'USD')`.execute(db);

    await up(db);

    expect(
      await db.selectFrom('deal_items').select(['id', 'discount_bp', 'position']).execute(),
    ).toEqual([{ id: itemId, discount_bp: 0, position: 0 }]);
    await db
      .insertInto('record_merges')
      .values({
        id: newId(),
        workspace_id: workspaceId,
        kind: 'company',
        kept_id: 'a',
        merged_id: 'b',
        actor_user_id: null,
        at: 1,
        merged_snapshot: '{}',
      })
      .execute();
    expect(await db.selectFrom('record_merges').select('kept_id').execute()).toEqual([
      { kept_id: 'a' },
    ]);
  });
});
