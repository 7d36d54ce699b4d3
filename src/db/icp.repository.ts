/** What the ideal customer profile reads: companies' attributes and closed deals' outcomes. */
import { CUSTOM_PREFIX, ICP_COLUMNS, type IcpAttribute } from '../domain/icp.js';
import type { Db } from './connection.js';
import { listCustomFieldRows, listValuesOfRecords } from './custom-field.repository.js';

/** Company custom fields whose values are categories a profile can name. */
const CATEGORY_TYPES = new Set(['single_select', 'multi_select', 'checkbox', 'text']);

export interface IcpField {
  attribute: IcpAttribute;
  fieldId: string | null;
  type: string;
  labelEn: string;
  labelAr: string;
}

/** The attributes a profile can use: the company columns, then the category custom fields. */
export async function listIcpFields(db: Db, workspaceId: string): Promise<IcpField[]> {
  const custom = await listCustomFieldRows(db, workspaceId, { recordKind: 'company' });
  return [
    ...ICP_COLUMNS.map((column) => ({
      attribute: column,
      fieldId: null,
      type: 'column',
      labelEn: column,
      labelAr: column,
    })),
    ...custom
      .filter((f) => CATEGORY_TYPES.has(f.type))
      .map((f) => ({
        attribute: `${CUSTOM_PREFIX}${f.key}`,
        fieldId: f.id,
        type: f.type,
        labelEn: f.label_en,
        labelAr: f.label_ar,
      })),
  ];
}

/** Each company's values per attribute (checkboxes as "true" / "false"). */
export async function companyAttributes(
  db: Db,
  workspaceId: string,
  companyIds: readonly string[],
  fields: readonly IcpField[],
): Promise<Map<string, Map<IcpAttribute, string[]>>> {
  const result = new Map<string, Map<IcpAttribute, string[]>>();
  const unique = [...new Set(companyIds)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db
      .selectFrom('companies')
      .select(['id', 'sector', 'size', 'country'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', unique.slice(start, start + 500))
      .execute();
    for (const row of rows) {
      const values = new Map<IcpAttribute, string[]>();
      for (const column of ICP_COLUMNS) {
        const value = row[column];
        if (value !== null && value.trim() !== '') values.set(column, [value]);
      }
      result.set(row.id, values);
    }
  }
  const byField = new Map(fields.flatMap((f) => (f.fieldId ? [[f.fieldId, f] as const] : [])));
  if (byField.size === 0 || unique.length === 0) return result;
  const stored = await listValuesOfRecords(db, workspaceId, unique);
  for (const value of [...stored].sort((a, b) => a.ordinal - b.ordinal)) {
    const field = byField.get(value.fieldId);
    const company = result.get(value.recordId);
    if (!field || !company) continue;
    const text =
      field.type === 'checkbox'
        ? value.number === null
          ? null
          : String(value.number === 1)
        : value.text;
    if (text === null || text.trim() === '') continue;
    company.set(field.attribute, [...(company.get(field.attribute) ?? []), text]);
  }
  return result;
}

/** The workspace's won and lost deals (not deleted) that belong to a company. */
export function listClosedDealCompanies(db: Db, workspaceId: string) {
  return db
    .selectFrom('deals')
    .select(['company_id', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['won', 'lost'])
    .where('company_id', 'is not', null)
    .execute();
}
