import type { Db } from './connection.js';

/**
 * Names shown in spreadsheet exports instead of ids. Deleted records keep their names here:
 * a contact may still point at a company deleted since, and the name is still what it was.
 */
export async function findCompanyNames(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findContactNames(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findDealTitles(
  db: Db,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('deals')
    .select(['id', 'title'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Every pipeline, stage and lost reason of the workspace, archived ones too: a short list. */
export async function listNamedReferences(db: Db, workspaceId: string) {
  const [pipelines, stages, lostReasons] = await Promise.all([
    db
      .selectFrom('pipelines')
      .select(['id', 'name_en', 'name_ar'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
    db
      .selectFrom('stages')
      .select(['id', 'name_en', 'name_ar'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
    db
      .selectFrom('lost_reasons')
      .select(['id', 'label_en as name_en', 'label_ar as name_ar'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
  ]);
  return { pipelines, stages, lostReasons };
}
