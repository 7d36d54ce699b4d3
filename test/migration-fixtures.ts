import type { ImportWorkspace } from './import-fixtures.js';

/** A deal as a migration test checks it: its row, its history, its items and contacts. */
export interface MigratedDeal {
  title: string;
  pipeline: string;
  stage: string;
  status: string;
  amount_minor: number | null;
  currency: string;
  amount_source: string;
  expected_close_date: string | null;
  probability_override: number | null;
  opened_at: number;
  closed_at: number | null;
  stage_entered_at: number;
  version: number;
  owner: string | null;
  company: string | null;
  lost_reason: string | null;
  /** [from stage, to stage, to status, at], oldest first. */
  history: [string | null, string, string, number][];
  /** [field, from, to, at], oldest first. */
  fields: [string, string | null, string | null, number][];
  /** [product, quantity, unit price, currency]. */
  items: [string, number, number | null, string][];
  /** [contact name, role]. */
  contacts: [string | null, string | null][];
}

const num = (value: unknown) => (value === null ? null : Number(value));

/**
 * Everything a migration wrote into the workspace, keyed by the other CRM's ids: read back row
 * by row so a test compares what a person would check, and a second run can be compared whole.
 */
export async function migrationSnapshot(ws: ImportWorkspace, source: string) {
  const { db, workspaceId } = ws;
  const refs = await db
    .selectFrom('external_refs')
    .select(['kind', 'external_id', 'record_id'])
    .where('workspace_id', '=', workspaceId)
    .where('source', '=', source)
    .execute();
  const externalOf = new Map(refs.map((r) => [`${r.kind} ${r.record_id}`, r.external_id]));

  const pipelines: Record<string, [string, string, number, string][]> = {};
  const stageRows = await db
    .selectFrom('stages')
    .innerJoin('pipelines', 'pipelines.id', 'stages.pipeline_id')
    .select([
      'pipelines.name_en as pipeline',
      'stages.name_en',
      'stages.kind',
      'stages.probability',
      'stages.forecast_category',
    ])
    .where('stages.workspace_id', '=', workspaceId)
    .orderBy('pipelines.position')
    .orderBy('stages.position')
    .execute();
  for (const s of stageRows) {
    pipelines[s.pipeline] = [
      ...(pipelines[s.pipeline] ?? []),
      [s.name_en, s.kind, Number(s.probability), s.forecast_category],
    ];
  }

  const users = (
    await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.email', 'users.name', 'memberships.role'])
      .where('memberships.workspace_id', '=', workspaceId)
      .orderBy('users.email')
      .execute()
  ).map((u) => [u.email, u.name, u.role]);

  const companies = (
    await db
      .selectFrom('companies')
      .leftJoin('users', 'users.id', 'companies.owner_id')
      .select(['companies.id', 'companies.name', 'companies.domain', 'users.email'])
      .where('companies.workspace_id', '=', workspaceId)
      .execute()
  )
    .map((c) => [externalOf.get(`company ${c.id}`) ?? null, c.name, c.domain, c.email])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  const products = (
    await db
      .selectFrom('products')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('name')
      .execute()
  ).map((p) => [
    externalOf.get(`product ${p.id}`) ?? null,
    p.name,
    num(p.list_price_minor),
    p.currency,
  ]);

  const dealRows = await db
    .selectFrom('deals')
    .innerJoin('stages', 'stages.id', 'deals.stage_id')
    .innerJoin('pipelines', 'pipelines.id', 'deals.pipeline_id')
    .leftJoin('users', 'users.id', 'deals.owner_id')
    .leftJoin('companies', 'companies.id', 'deals.company_id')
    .leftJoin('lost_reasons', 'lost_reasons.id', 'deals.lost_reason_id')
    .select([
      'deals.id',
      'deals.title',
      'pipelines.name_en as pipeline',
      'stages.name_en as stage',
      'deals.status',
      'deals.amount_minor',
      'deals.currency',
      'deals.amount_source',
      'deals.expected_close_date',
      'deals.probability_override',
      'deals.opened_at',
      'deals.closed_at',
      'deals.stage_entered_at',
      'deals.version',
      'users.email as owner',
      'companies.name as company',
      'lost_reasons.label_en as lost_reason',
    ])
    .where('deals.workspace_id', '=', workspaceId)
    .execute();
  const stageName = new Map(
    (
      await db
        .selectFrom('stages')
        .select(['id', 'name_en'])
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((s) => [s.id, s.name_en]),
  );
  const deals: Record<string, MigratedDeal> = {};
  for (const d of dealRows) {
    const history = await db
      .selectFrom('stage_history')
      .selectAll()
      .where('deal_id', '=', d.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const fields = await db
      .selectFrom('deal_field_history')
      .selectAll()
      .where('deal_id', '=', d.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const items = await db
      .selectFrom('deal_items')
      .innerJoin('products', 'products.id', 'deal_items.product_id')
      .select([
        'products.name',
        'deal_items.quantity',
        'deal_items.unit_price_minor',
        'deal_items.currency',
      ])
      .where('deal_items.deal_id', '=', d.id)
      .orderBy('deal_items.position')
      .execute();
    const contacts = await db
      .selectFrom('deal_contacts')
      .innerJoin('contacts', 'contacts.id', 'deal_contacts.contact_id')
      .select(['contacts.name as name', 'deal_contacts.role as role'])
      .where('deal_contacts.deal_id', '=', d.id)
      .orderBy('contacts.name')
      .execute();
    const { id, ...row } = d;
    deals[externalOf.get(`deal ${id}`) ?? id] = {
      ...row,
      amount_minor: num(row.amount_minor),
      probability_override: num(row.probability_override),
      opened_at: Number(row.opened_at),
      closed_at: num(row.closed_at),
      stage_entered_at: Number(row.stage_entered_at),
      version: Number(row.version),
      history: history.map((h) => [
        h.from_stage_id ? (stageName.get(h.from_stage_id) ?? null) : null,
        stageName.get(h.to_stage_id) ?? h.to_stage_id,
        h.to_status,
        Number(h.at),
      ]),
      fields: fields.map((f) => [f.field, f.from_value, f.to_value, Number(f.at)]),
      items: items.map((i) => [i.name, Number(i.quantity), num(i.unit_price_minor), i.currency]),
      contacts: contacts.map((c) => [c.name, c.role]),
    };
  }

  const activities = (
    await db
      .selectFrom('activities')
      .leftJoin('deals', 'deals.id', 'activities.deal_id')
      .leftJoin('contacts', 'contacts.id', 'activities.contact_id')
      .select([
        'activities.id',
        'activities.kind',
        'activities.subject',
        'deals.title',
        'contacts.name as contact',
        'activities.done_at',
      ])
      .where('activities.workspace_id', '=', workspaceId)
      .execute()
  )
    .map((a) => [
      externalOf.get(`activity ${a.id}`) ?? null,
      a.kind,
      a.subject,
      a.title,
      a.contact,
      a.done_at !== null,
    ])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  return { pipelines, users, companies, products, deals, activities };
}
