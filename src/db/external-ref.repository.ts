import type { Db } from './connection.js';

export type ExternalRefKind = 'company' | 'contact' | 'deal' | 'user' | 'product';

/** The ids these records had in the systems they were imported from, oldest first. */
export function listExternalIdsOf(
  db: Db,
  workspaceId: string,
  kind: ExternalRefKind,
  recordIds: string[],
) {
  if (recordIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('external_refs')
    .select(['record_id', 'source', 'external_id'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('record_id', 'in', recordIds)
    .orderBy('created_at')
    .orderBy('source')
    .orderBy('external_id')
    .execute();
}
