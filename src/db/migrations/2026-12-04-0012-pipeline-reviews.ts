// Frozen once landed. Additive only: old processes keep working while this is applied (they
// never read the new tables; a deal's amount they change keeps its verification mark, which
// the next change through a new process clears).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The pipeline review (see docs/review.md):
 * - `deals.value_verified_at` / `value_verified_by`: when and by whom the deal's amount was last
 *   confirmed with the buyer; a change of amount or currency clears both.
 * - `pipeline_reviews`: one sitting of a manager (or a rep) going through a pipeline's
 *   problems — who, over which pipeline, owner or team, when it started and closed, its summary,
 *   and how many deals each section held at the start (JSON).
 * - `review_decisions`: what was decided in a review, one row per deal and action (set a next
 *   step, move, lose, reassign, push the close date, verify the value), with the action's
 *   parameters as JSON. Append-only; a reopened review adds to them.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('deals').addColumn('value_verified_at', 'bigint').execute();
  await db.schema
    .alterTable('deals')
    .addColumn('value_verified_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('pipeline_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('reviewer_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('pipeline_id', 'text', (c) => c.references('pipelines.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('summary', 'text')
    // JSON: { stale: n, overdue: n, noNextStep: n, valueUnverified: n, slipping: n }
    .addColumn('found', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('pipeline_reviews_started')
    .on('pipeline_reviews')
    .columns(['workspace_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('review_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('pipeline_reviews.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    // 'nextStep' | 'move' | 'lose' | 'reassign' | 'pushCloseDate' | 'verifyValue'
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('review_decisions_review')
    .on('review_decisions')
    .columns(['workspace_id', 'review_id', 'at'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
