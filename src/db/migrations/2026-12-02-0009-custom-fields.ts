// Frozen once landed. Additive only: old processes keep working while this is applied (they
// neither read nor write the new tables).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Custom fields (see docs/custom-fields.md): the fields an admin defines for deals, companies or
 * contacts, and their values, one row per value (a multi-select: one per option chosen). Texts,
 * days and option keys go in `value_text`, numbers, amounts in minor units and checkboxes in
 * `value_number` (an amount's currency in `value_text`), so one index per column answers every
 * filter on every field: (workspace, field, value) ranges, record ids included so the index
 * alone answers a filter. The primary key, led by the record, reads a page of records' values.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('custom_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    // 'deal' | 'company' | 'contact'
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    // text, number, money, date, single_select, multi_select, checkbox, url, person
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_ar', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    // JSON: [{ key, labelEn, labelAr, archivedAt }] for the select types, else [].
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('archived_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('custom_fields_key')
    .on('custom_fields')
    .columns(['workspace_id', 'record_kind', 'key'])
    .unique()
    .execute();

  await db.schema
    .createTable('custom_field_values')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('field_id', 'text', (c) => c.notNull().references('custom_fields.id'))
    // The deal, company or contact (the field says which kind).
    .addColumn('record_id', 'text', (c) => c.notNull())
    // 0; a multi-select's options 0, 1, 2… in the order chosen.
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('value_text', 'text')
    .addColumn('value_number', 'double precision')
    .addPrimaryKeyConstraint('custom_field_values_pk', [
      'workspace_id',
      'record_id',
      'field_id',
      'ordinal',
    ])
    .execute();
  await db.schema
    .createIndex('custom_field_values_text')
    .on('custom_field_values')
    .columns(['workspace_id', 'field_id', 'value_text', 'record_id'])
    .execute();
  await db.schema
    .createIndex('custom_field_values_number')
    .on('custom_field_values')
    .columns(['workspace_id', 'field_id', 'value_number', 'record_id'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Not reversible; restore a backup'));
}
