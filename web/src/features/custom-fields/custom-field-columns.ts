import { useTranslation } from 'react-i18next';
import {
  type CustomFieldKind,
  type CustomFieldValue,
  useActiveFields,
} from '../../api/custom-fields';
import { useMembers } from '../../workspace';
import { fieldLabel, formatFieldValue } from './custom-field-value';

/**
 * A list's columns for the active custom fields of its kind of record, and the sorts they add
 * (`cf.<key>`; a "several of a list" field is shown but not sortable).
 */
export function useCustomFieldColumns(kind: CustomFieldKind) {
  const { t, i18n } = useTranslation();
  const members = useMembers();
  const fields = useActiveFields(kind);
  const sorts = fields.filter((f) => f.type !== 'multi_select').map((f) => `cf.${f.key}` as const);
  const columns = fields.map((field) => ({
    key: `cf.${field.key}`,
    header: fieldLabel(field, i18n.language),
    ...(field.type === 'multi_select'
      ? {}
      : { sort: { field: `cf.${field.key}` as const, natural: 'asc' as const } }),
    cell: (row: { customFields: Record<string, CustomFieldValue> }) =>
      formatFieldValue(field, row.customFields[field.key], i18n.language, members.data ?? [], [
        t('customFields.yes'),
        t('customFields.no'),
      ]),
  }));
  return { sorts, columns };
}
