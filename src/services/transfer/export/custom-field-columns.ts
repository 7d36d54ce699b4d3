import type { CustomFieldDef, CustomFieldValues } from '../../custom-values.js';
import { labelOf } from './labels.js';
import { nameOf } from './name-book.js';
import { joinNames, type NameBook, type SheetColumn, type SheetValue } from './sheet.js';

/** An option's label in the export's language (the key when it has none). */
function optionLabel(field: CustomFieldDef, key: string, names: NameBook): string {
  const option = field.options.find((o) => o.key === key);
  if (!option) return key;
  return names.lang === 'ar' && option.labelAr !== '' ? option.labelAr : option.labelEn;
}

/** A custom field's value as a cell: numbers as numbers, amounts as decimals, labels as words. */
function cellOf(field: CustomFieldDef, values: CustomFieldValues, names: NameBook): SheetValue {
  const value = values[field.key] ?? null;
  if (value === null) return null;
  switch (field.type) {
    case 'money':
      return typeof value === 'object' && !Array.isArray(value)
        ? { minor: value.amountMinor, currency: value.currency }
        : null;
    case 'checkbox':
      return labelOf('yesNo', value === true ? 'yes' : 'no', names.lang);
    case 'single_select':
      return typeof value === 'string' ? optionLabel(field, value, names) : null;
    case 'multi_select':
      return Array.isArray(value)
        ? joinNames(value.map((key) => optionLabel(field, key, names)))
        : null;
    case 'person':
      return typeof value === 'string' ? nameOf(names.users, value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'text':
    case 'url':
    case 'date':
      return typeof value === 'string' ? value : null;
  }
}

/**
 * One column per active custom field of the list's kind, after the list's own columns, headed
 * by the field's label in the export's language. Text goes through the same formula-injection
 * neutralising as every other cell (the writers do it).
 */
export function customFieldColumns<T extends { customFields: CustomFieldValues }>(
  fields: readonly CustomFieldDef[],
): SheetColumn<T>[] {
  return fields.map((field) => ({
    header: { en: field.labelEn, ar: field.labelAr || field.labelEn },
    width: field.type === 'multi_select' || field.type === 'text' ? 30 : 18,
    value: (record, names) => cellOf(field, record.customFields, names),
  }));
}
