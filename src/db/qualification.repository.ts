import type { Insertable } from 'kysely';
import {
  BANT_PARTS,
  type Confidence,
  NO_QUALIFICATION,
  type Qualification,
} from '../domain/qualification.js';
import type { Db } from './connection.js';
import type { DealQualificationTable } from './schema.js';

type Row = Insertable<DealQualificationTable>;

function toQualification(row: Partial<Row> | undefined): Qualification {
  if (!row) return NO_QUALIFICATION;
  const q: Qualification = { ...NO_QUALIFICATION };
  for (const part of BANT_PARTS) {
    const value = row[part];
    const confidence = row[`${part}_confidence`];
    q[part] = value && confidence ? { value, confidence: confidence as Confidence } : null;
  }
  return q;
}

/** The BANT cards of these deals, by deal id (every part unknown for a deal without one). */
export async function listQualifications(
  db: Db,
  workspaceId: string,
  dealIds: readonly string[],
): Promise<Map<string, Qualification>> {
  if (dealIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('deal_qualifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', 'in', [...dealIds])
    .execute();
  return new Map(rows.map((row) => [row.deal_id, toQualification(row)]));
}

/** Writes the deal's whole card (the caller holds the deal at its version). */
export async function saveQualification(
  db: Db,
  key: { workspaceId: string; dealId: string },
  q: Qualification,
  at: { now: number; userId: string | null },
): Promise<void> {
  const columns: Omit<Row, 'workspace_id' | 'deal_id'> = {
    updated_at: at.now,
    updated_by: at.userId,
  };
  for (const part of BANT_PARTS) {
    columns[part] = q[part]?.value ?? null;
    columns[`${part}_confidence`] = q[part]?.confidence ?? null;
  }
  await db
    .insertInto('deal_qualifications')
    .values({ workspace_id: key.workspaceId, deal_id: key.dealId, ...columns })
    .onConflict((oc) => oc.columns(['workspace_id', 'deal_id']).doUpdateSet(columns))
    .execute();
}
