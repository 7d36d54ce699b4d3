// Frozen once landed: later changes go in new, date-prefixed migrations.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

// Migrations are frozen in time, so they are written against an untyped schema on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_currency', 'text', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('week_start', 'integer', (c) => c.notNull())
    .addColumn('reps_see_own_deals_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('probability_mode', 'text', (c) => c.notNull().defaultTo('configured'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_attempts_email_at')
    .on('login_attempts')
    .columns(['email', 'at'])
    .execute();
  await db.schema
    .createIndex('login_attempts_ip_at')
    .on('login_attempts')
    .columns(['ip', 'at'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('api_tokens_workspace')
    .on('api_tokens')
    .column('workspace_id')
    .execute();

  await db.schema
    .createTable('pipelines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('pipelines_workspace')
    .on('pipelines')
    .columns(['workspace_id', 'position'])
    .execute();

  await db.schema
    .createTable('stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('forecast_category', 'text', (c) => c.notNull())
    .addColumn('rotting_days', 'integer')
    .addColumn('exit_criteria', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_first_qualified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('stages_pipeline')
    .on('stages')
    .columns(['workspace_id', 'pipeline_id', 'position'])
    .execute();
  await db.schema
    .createIndex('stages_pipeline_key')
    .on('stages')
    .columns(['pipeline_id', 'key'])
    .unique()
    .execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('sector', 'text')
    .addColumn('size', 'text')
    .addColumn('country', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('companies_workspace_name')
    .on('companies')
    .columns(['workspace_id', 'name', 'id'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('contacts_workspace_name')
    .on('contacts')
    .columns(['workspace_id', 'name', 'id'])
    .execute();
  await db.schema
    .createIndex('contacts_company')
    .on('contacts')
    .columns(['workspace_id', 'company_id'])
    .execute();

  await db.schema
    .createTable('contact_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_channels_contact')
    .on('contact_channels')
    .columns(['workspace_id', 'contact_id'])
    .execute();
  await db.schema
    .createIndex('contact_channels_lookup')
    .on('contact_channels')
    .columns(['workspace_id', 'kind', 'normalized'])
    .execute();

  await db.schema
    .createTable('lost_reasons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_ar', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('lost_reasons_workspace')
    .on('lost_reasons')
    .columns(['workspace_id', 'position'])
    .execute();

  await db.schema
    .createTable('deals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('stages.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_source', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text')
    .addColumn('probability_override', 'integer')
    .addColumn('source', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lost_reason_id', 'text', (c) => c.references('lost_reasons.id'))
    .addColumn('lost_note', 'text')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('stage_entered_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Covers the board totals: they are computed from this index alone, without table reads.
  await db.schema
    .createIndex('deals_board')
    .on('deals')
    .columns([
      'workspace_id',
      'pipeline_id',
      'status',
      'stage_id',
      'currency',
      'probability_override',
      'amount_minor',
      'closed_at',
      'deleted_at',
    ])
    .execute();
  // The most recently updated cards of one column, in order.
  await db.schema
    .createIndex('deals_stage_recent')
    .on('deals')
    .columns(['workspace_id', 'stage_id', 'status', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('deals_updated')
    .on('deals')
    .columns(['workspace_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('deals_owner')
    .on('deals')
    .columns(['workspace_id', 'owner_id', 'status'])
    .execute();
  await db.schema
    .createIndex('deals_company')
    .on('deals')
    .columns(['workspace_id', 'company_id'])
    .execute();

  await db.schema
    .createTable('deal_contacts')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('role', 'text')
    .addPrimaryKeyConstraint('deal_contacts_pk', ['deal_id', 'contact_id'])
    .execute();
  await db.schema
    .createIndex('deal_contacts_contact')
    .on('deal_contacts')
    .columns(['workspace_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('stage_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('from_stage_id', 'text', (c) => c.references('stages.id'))
    .addColumn('to_stage_id', 'text', (c) => c.notNull().references('stages.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('lost_reason_id', 'text', (c) => c.references('lost_reasons.id'))
    .execute();
  await db.schema
    .createIndex('stage_history_deal')
    .on('stage_history')
    .columns(['workspace_id', 'deal_id', 'at'])
    .execute();
  await db.schema
    .createIndex('stage_history_at')
    .on('stage_history')
    .columns(['workspace_id', 'at'])
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('deal_id', 'text', (c) => c.references('deals.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('due_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('activities_deal')
    .on('activities')
    .columns(['workspace_id', 'deal_id', 'done_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('activities_owner_due')
    .on('activities')
    .columns(['workspace_id', 'owner_id', 'due_at', 'id'])
    .execute();

  await db.schema
    .createTable('exchange_rates')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_rates_pk', ['workspace_id', 'currency', 'day'])
    .execute();

  await makeStageHistoryAppendOnly(db);
}

/** History is never rewritten: the database itself refuses UPDATE and DELETE on it. */
async function makeStageHistoryAppendOnly(db: AnyDb): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER stage_history_no_${op.toLowerCase()} BEFORE ${op} ON stage_history
           BEGIN SELECT RAISE(ABORT, 'stage_history is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql`CREATE FUNCTION stage_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'stage_history is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER stage_history_append_only BEFORE UPDATE OR DELETE ON stage_history
    FOR EACH ROW EXECUTE FUNCTION stage_history_append_only()`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('The initial migration cannot be reverted; restore a backup'));
}
