import type { Database } from './schema.js';

/**
 * How a table's rows belong to a workspace: by `workspace_id`, as the workspace row itself,
 * or — for users, who may belong to several workspaces — through a membership.
 */
export type WorkspaceScope = 'workspace' | 'self' | 'member';

export interface WorkspaceTable<T extends keyof Database = keyof Database> {
  table: T;
  /** Primary key within the workspace: the order of rows in the file and of keyset paging. */
  key: readonly string[];
  scope: WorkspaceScope;
}

function table<T extends keyof Database>(
  name: T,
  key: readonly string[] = ['id'],
  scope: WorkspaceScope = 'workspace',
): WorkspaceTable<T> {
  return { table: name, key, scope };
}

/**
 * Every table a workspace export carries, parents before children, so that each row's foreign
 * keys already hold when an import inserts it. Adding a table is one line here, at the place
 * its foreign keys allow (after every table it references).
 */
export const WORKSPACE_TABLES = [
  table('workspaces', ['id'], 'self'),
  table('users', ['id'], 'member'),
  table('teams'),
  table('memberships', ['user_id']),
  table('api_tokens'),
  table('pipelines'),
  table('stages'),
  table('lost_reasons'),
  table('exchange_rates', ['currency', 'day']),
  table('products'),
  table('companies'),
  table('contacts'),
  table('contact_channels'),
  table('deals'),
  table('deal_contacts', ['deal_id', 'contact_id']),
  table('deal_items'),
  table('deal_qualifications', ['deal_id']),
  table('deal_flags'),
  table('surveys'),
  table('custom_fields'),
  table('custom_field_values', ['record_id', 'field_id', 'ordinal']),
  table('stage_history'),
  table('deal_field_history'),
  table('activities'),
  table('targets'),
  table('pipeline_snapshots', ['pipeline_id', 'taken_on', 'stage_id']),
  table('external_refs', ['kind', 'source', 'external_id']),
  table('record_merges'),
  table('saved_views'),
  table('forecast_calls'),
  table('pipeline_reviews'),
  table('review_decisions'),
  table('stale_digests'),
] as const;

/** Tables a workspace export leaves out on purpose, and why. */
export const TABLES_NOT_EXPORTED = {
  sessions: 'sign-ins belong to one server: people sign in again after a move',
  login_attempts: 'rate-limit bookkeeping of the server, by email and address, not by workspace',
  jobs: 'transient background work; the worker schedules what is due again',
} as const satisfies Partial<Record<keyof Database, string>>;

type Decided = (typeof WORKSPACE_TABLES)[number]['table'] | keyof typeof TABLES_NOT_EXPORTED;
type Undecided = Exclude<keyof Database, Decided>;

/**
 * Fails to compile when schema.ts gains a table that neither list names: a new table is exported
 * (one line in WORKSPACE_TABLES) or left out with a reason, never forgotten. The error names it.
 */
export const IS_EVERY_TABLE_DECIDED: [Undecided] extends [never]
  ? true
  : { undecidedTable: Undecided } = true;
