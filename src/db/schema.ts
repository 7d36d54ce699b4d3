/**
 * Table types for Kysely. Conventions shared by every table:
 * - ids are UUIDv7 text (time-ordered, made by the application, the same on every database);
 * - instants are epoch milliseconds (`bigint`), calendar days are `YYYY-MM-DD` text;
 * - booleans are 0/1 integers; money is an integer of minor units beside an ISO-4217 code;
 * - every table holding customer data carries `workspace_id` and is always queried by it.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

import type { Role } from '../domain/permissions.js';

export type { Role };

export interface WorkspaceTable {
  id: string;
  name: string;
  base_currency: string;
  default_locale: string;
  time_zone: string;
  week_start: number;
  reps_see_own_deals_only: number;
  probability_mode: string;
  /** JSON `[{ attribute, values, weight }]`: the ideal customer profile; `[]` while none. */
  icp: Generated<string>;
  created_at: number;
  version: Generated<number>;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string | null;
  created_at: number;
}

export interface MembershipTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  team_id: string | null;
  created_at: number;
  /** When the member was deactivated (left the company); null while active. */
  deactivated_at: number | null;
  /** Of the member as the API shows and edits it (the role); the team is set apart. */
  version: Generated<number>;
}

export interface TeamTable {
  id: string;
  workspace_id: string;
  name: string;
  manager_user_id: string | null;
  created_at: number;
  version: Generated<number>;
}

export interface TargetTable {
  id: string;
  workspace_id: string;
  scope_key: string;
  period_from: string;
  period_to: string;
  amount_minor: number;
  currency: string;
  created_at: number;
  updated_at: number;
  version: Generated<number>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  workspace_id: string;
  created_at: number;
  expires_at: number;
}

export interface LoginAttemptTable {
  id: string;
  email: string;
  ip: string;
  at: number;
  succeeded: number;
}

export interface ApiTokenTable {
  id: string;
  workspace_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  role: Role;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface PipelineTable {
  id: string;
  workspace_id: string;
  name_en: string;
  name_ar: string;
  position: number;
  is_default: number;
  archived_at: number | null;
  /** JSON: the tasks a won deal's owner gets, `[{ kind, subjectEn, subjectAr, days }]`. */
  follow_up_tasks: Generated<string>;
  created_at: number;
  version: Generated<number>;
}

export interface StageTable {
  id: string;
  workspace_id: string;
  pipeline_id: string;
  key: string;
  name_en: string;
  name_ar: string;
  position: number;
  kind: string;
  probability: number;
  forecast_category: string;
  rotting_days: number | null;
  exit_criteria: string;
  is_first_qualified: number;
  archived_at: number | null;
  version: Generated<number>;
}

export interface CompanyTable {
  id: string;
  workspace_id: string;
  name: string;
  domain: string | null;
  sector: string | null;
  size: string | null;
  country: string | null;
  owner_id: string | null;
  search_text: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  version: Generated<number>;
}

export interface ContactTable {
  id: string;
  workspace_id: string;
  company_id: string | null;
  name: string;
  job_title: string | null;
  role: string;
  owner_id: string | null;
  /** When the person left their company; null while they are there. */
  left_at: number | null;
  left_note: string | null;
  search_text: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  version: Generated<number>;
}

export interface ContactChannelTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  kind: 'email' | 'phone';
  value: string;
  normalized: string;
  label: string | null;
  position: number;
}

export interface DealTable {
  id: string;
  workspace_id: string;
  pipeline_id: string;
  stage_id: string;
  title: string;
  company_id: string | null;
  owner_id: string | null;
  amount_minor: number | null;
  currency: string;
  amount_source: string;
  expected_close_date: string | null;
  probability_override: number | null;
  source: string | null;
  status: string;
  lost_reason_id: string | null;
  lost_note: string | null;
  opened_at: number;
  closed_at: number | null;
  stage_entered_at: number;
  last_activity_at: number | null;
  /** When the amount was last confirmed with the buyer; a change of amount or currency clears it. */
  value_verified_at: number | null;
  value_verified_by: string | null;
  /** 'new' | 'upsell' | 'cross_sell'; an upsell or cross-sell comes from a won deal. */
  business_kind: Generated<string>;
  origin_deal_id: string | null;
  search_text: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  version: Generated<number>;
}

export interface DealContactTable {
  workspace_id: string;
  deal_id: string;
  contact_id: string;
  role: string | null;
}

export interface StageHistoryTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  from_status: string | null;
  to_status: string;
  at: number;
  actor_user_id: string | null;
  reason: string | null;
  lost_reason_id: string | null;
}

/** Who or what made a change: a person signed in, an API token, an import or a rule. */
export type ChangeSource = 'person' | 'token' | 'import' | 'rule';

/** One change of a tracked deal field, append-only; values are text (see deal-fields.ts). */
export interface DealFieldHistoryTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
  at: number;
  actor_user_id: string | null;
  source: ChangeSource;
}

/** A person's forecast call for a period, kept as submitted (a new call is a new row). */
export interface ForecastCallTable {
  id: string;
  workspace_id: string;
  user_id: string;
  scope_key: string;
  pipeline_id: string | null;
  period_from: string;
  period_to: string;
  commit_minor: number;
  best_case_minor: number;
  currency: string;
  note: string | null;
  submitted_at: number;
}

export interface ActivityTable {
  id: string;
  workspace_id: string;
  deal_id: string | null;
  company_id: string | null;
  contact_id: string | null;
  owner_id: string | null;
  kind: string;
  subject: string;
  note: string | null;
  due_at: number | null;
  done_at: number | null;
  /** Subject and note folded for search (see domain/search-text.ts). */
  search_text: string;
  created_at: number;
  updated_at: number;
  version: Generated<number>;
}

export interface LostReasonTable {
  id: string;
  workspace_id: string;
  label_en: string;
  label_ar: string;
  position: number;
  archived_at: number | null;
  version: Generated<number>;
}

export interface ExchangeRateTable {
  workspace_id: string;
  currency: string;
  day: string;
  rate: string;
}

export interface JobTable {
  id: string;
  workspace_id: string;
  queue: string;
  payload: string;
  dedupe_key: string | null;
  status: 'pending' | 'running' | 'done' | 'dead';
  run_at: number;
  attempts: Generated<number>;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface PipelineSnapshotTable {
  workspace_id: string;
  pipeline_id: string;
  stage_id: string;
  taken_on: string;
  deal_count: number;
  total_minor: number;
  weighted_minor: number;
  currency: string;
  taken_at: number;
}

/** The id a record had in the system it was imported from (see docs/import.md). */
export interface ExternalRefTable {
  workspace_id: string;
  kind: string;
  source: string;
  external_id: string;
  record_id: string;
  created_at: number;
}

export interface ProductTable {
  id: string;
  workspace_id: string;
  name: string;
  series: string | null;
  list_price_minor: number | null;
  currency: string;
  created_at: number;
  updated_at: number;
}

export interface DealItemTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  product_id: string;
  quantity: number;
  unit_price_minor: number | null;
  currency: string;
  /** The discount in basis points of a percent: 1250 is 12.5 %; 0 none, 10000 free. */
  discount_bp: Generated<number>;
  /** The item's place in the deal's list, from 0. */
  position: Generated<number>;
}

/** A company or contact merged into another (see docs/records.md#merging-duplicates). */
export interface RecordMergeTable {
  id: string;
  workspace_id: string;
  kind: 'company' | 'contact';
  kept_id: string;
  merged_id: string;
  actor_user_id: string | null;
  at: number;
  /** JSON: the duplicate as it was just before the merge, and what moved. */
  merged_snapshot: string;
}

/** A field an admin added to deals, companies or contacts (see docs/custom-fields.md). */
export interface CustomFieldTable {
  id: string;
  workspace_id: string;
  record_kind: 'deal' | 'company' | 'contact';
  /** Unique per workspace and record kind, never changed (filters and imports name it). */
  key: string;
  type: string;
  label_en: string;
  label_ar: string;
  required: number;
  position: number;
  /** JSON: [{ key, labelEn, labelAr, archivedAt }] for the select types, else []. */
  options: string;
  archived_at: number | null;
  /** 1 when changes of its values go into the deal field history. */
  tracked: Generated<number>;
  created_at: number;
  updated_at: number;
  version: Generated<number>;
}

/** One stored value of a custom field; a multi-select has one row per option chosen. */
export interface CustomFieldValueTable {
  workspace_id: string;
  field_id: string;
  record_id: string;
  ordinal: number;
  /** Texts, days (YYYY-MM-DD), option keys, member ids, URLs; an amount's currency. */
  value_text: string | null;
  /** Numbers, amounts in minor units, checkboxes (0 or 1). */
  value_number: number | null;
}

/** A saved view of the board: its pipeline and filters, private or shared. */
export interface SavedViewTable {
  id: string;
  workspace_id: string;
  owner_user_id: string;
  kind: string;
  name: string;
  pipeline_id: string | null;
  /** JSON: the board's filter parameters by their API names. */
  filters: string;
  is_shared: number;
  created_at: number;
  updated_at: number;
  version: Generated<number>;
}

/** One sitting of a pipeline review: who, over what, when; its decisions are review_decisions. */
export interface PipelineReviewTable {
  id: string;
  workspace_id: string;
  reviewer_user_id: string | null;
  pipeline_id: string | null;
  owner_id: string | null;
  team_id: string | null;
  started_at: number;
  closed_at: number | null;
  summary: string | null;
  /** JSON: how many deals each section held when the review started. */
  found: string;
  version: Generated<number>;
}

/** What a review decided about one deal, append-only. */
export interface ReviewDecisionTable {
  id: string;
  workspace_id: string;
  review_id: string;
  deal_id: string;
  action: string;
  /** JSON: the action's parameters (stage, reason, owner, date, subject …). */
  detail: string;
  at: number;
  actor_user_id: string | null;
}

/** A person's stale digest of one day, kept as first made (JSON arrays of deal ids). */
export interface StaleDigestTable {
  id: string;
  workspace_id: string;
  user_id: string;
  day: string;
  deal_ids: string;
  new_deal_ids: string;
  created_at: number;
  read_at: number | null;
}

/** A deal's BANT card: each part an answer and its confidence, null when unknown. */
export interface DealQualificationTable {
  workspace_id: string;
  deal_id: string;
  need: string | null;
  need_confidence: string | null;
  budget: string | null;
  budget_confidence: string | null;
  authority: string | null;
  authority_confidence: string | null;
  timing: string | null;
  timing_confidence: string | null;
  updated_at: number;
  updated_by: string | null;
}

/** Something that puts an open deal in doubt (a decision maker left …), open until resolved. */
export interface DealFlagTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  kind: string;
  contact_id: string | null;
  raised_at: number;
  raised_by: string | null;
  resolved_at: number | null;
  resolution: string | null;
  resolved_by: string | null;
}

/** A satisfaction survey of a won deal: a single-use link (its hash) and, once given, the answer. */
export interface SurveyTable {
  id: string;
  workspace_id: string;
  deal_id: string;
  company_id: string | null;
  contact_id: string | null;
  token_hash: string;
  language: string;
  created_at: number;
  created_by: string | null;
  expires_at: number;
  answered_at: number | null;
  score: number | null;
  comment: string | null;
}

export interface Database {
  workspaces: WorkspaceTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  api_tokens: ApiTokenTable;
  pipelines: PipelineTable;
  stages: StageTable;
  companies: CompanyTable;
  contacts: ContactTable;
  contact_channels: ContactChannelTable;
  deals: DealTable;
  deal_contacts: DealContactTable;
  stage_history: StageHistoryTable;
  deal_field_history: DealFieldHistoryTable;
  forecast_calls: ForecastCallTable;
  activities: ActivityTable;
  lost_reasons: LostReasonTable;
  exchange_rates: ExchangeRateTable;
  jobs: JobTable;
  teams: TeamTable;
  targets: TargetTable;
  pipeline_snapshots: PipelineSnapshotTable;
  external_refs: ExternalRefTable;
  products: ProductTable;
  deal_items: DealItemTable;
  saved_views: SavedViewTable;
  custom_fields: CustomFieldTable;
  custom_field_values: CustomFieldValueTable;
  record_merges: RecordMergeTable;
  pipeline_reviews: PipelineReviewTable;
  review_decisions: ReviewDecisionTable;
  stale_digests: StaleDigestTable;
  deal_qualifications: DealQualificationTable;
  deal_flags: DealFlagTable;
  surveys: SurveyTable;
}

export type DealRow = Selectable<DealTable>;
export type NewDeal = Insertable<DealTable>;
export type DealUpdate = Updateable<DealTable>;
export type StageRow = Selectable<StageTable>;
export type CompanyRow = Selectable<CompanyTable>;
export type ContactRow = Selectable<ContactTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type WorkspaceRow = Selectable<WorkspaceTable>;
