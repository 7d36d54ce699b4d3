/**
 * A custom field's value as people read it and as they type it, by the field's type; labels and
 * options in the reader's language.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField, CustomFieldValue } from '../../api/custom-fields';
import type { Member } from '../../api/models';
import { formatDay, formatMoney, formatNumber, toMajor, toMinor } from '../../format';
import { fieldText } from '../../shared/api-form';
import { EditableField } from '../../shared/editable-field';
import { MemberOptions } from '../../shared/owner-select';
import { useMembers } from '../../workspace';

export function fieldLabel(field: CustomField, language: string): string {
  return language === 'ar' ? field.labelAr : field.labelEn;
}

function optionLabel(field: CustomField, key: string, language: string): string {
  const option = field.options.find((o) => o.key === key);
  return option ? (language === 'ar' ? option.labelAr : option.labelEn) : key;
}

function isMoney(value: CustomFieldValue): value is { amountMinor: number; currency: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as text (for lists and exports on screen); '—' when unset. */
export function formatFieldValue(
  field: CustomField,
  value: CustomFieldValue | undefined,
  language: string,
  members: Member[] = [],
  yesNo: [string, string] = ['✓', '✗'],
): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? formatNumber(value, language) : '—';
    case 'money':
      return isMoney(value) ? formatMoney(value.amountMinor, value.currency, language) : '—';
    case 'date':
      return typeof value === 'string' ? formatDay(value, language) : '—';
    case 'checkbox':
      return value === true ? yesNo[0] : yesNo[1];
    case 'single_select':
      return typeof value === 'string' ? optionLabel(field, value, language) : '—';
    case 'multi_select':
      return Array.isArray(value)
        ? value
            .map((key) => optionLabel(field, key, language))
            .join(language === 'ar' ? '، ' : ', ')
        : '—';
    case 'person':
      return typeof value === 'string' ? (members.find((m) => m.id === value)?.name ?? value) : '—';
    case 'text':
    case 'url':
      return typeof value === 'string' ? value : '—';
  }
}

/** The inputs for a value: named `value` (and `currency` for money); the first takes `id`. */
export function FieldEditor({
  field,
  value,
  id,
  baseCurrency,
}: {
  field: CustomField;
  value: CustomFieldValue | undefined;
  id: string;
  baseCurrency: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const active = field.options.filter((o) => o.archivedAt === null);
  switch (field.type) {
    case 'number':
      return (
        <input
          id={id}
          name="value"
          type="number"
          step="any"
          defaultValue={typeof value === 'number' ? value : ''}
        />
      );
    case 'money': {
      const money = value !== undefined && isMoney(value) ? value : null;
      const currency = money?.currency ?? baseCurrency;
      return (
        <>
          <input
            id={id}
            name="value"
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            defaultValue={money ? toMajor(money.amountMinor, currency) : ''}
          />
          <label>
            <span className="visually-hidden">{t('deal.currency')}</span>
            <input
              name="currency"
              className="narrow"
              dir="ltr"
              pattern="[A-Z]{3}"
              defaultValue={currency}
            />
          </label>
        </>
      );
    }
    case 'date':
      return (
        <input
          id={id}
          name="value"
          type="date"
          defaultValue={typeof value === 'string' ? value : ''}
        />
      );
    case 'checkbox':
      return <input id={id} name="value" type="checkbox" defaultChecked={value === true} />;
    case 'url':
      return (
        <input
          id={id}
          name="value"
          type="url"
          dir="ltr"
          placeholder="https://"
          defaultValue={typeof value === 'string' ? value : ''}
        />
      );
    case 'single_select':
      return (
        <select id={id} name="value" defaultValue={typeof value === 'string' ? value : ''}>
          <option value="">—</option>
          {active.map((option) => (
            <option key={option.key} value={option.key}>
              {optionLabel(field, option.key, language)}
            </option>
          ))}
        </select>
      );
    case 'multi_select': {
      const chosen = new Set(Array.isArray(value) ? value : []);
      return (
        <fieldset id={id} className="check-group">
          <legend className="visually-hidden">{fieldLabel(field, language)}</legend>
          {active.map((option) => (
            <label key={option.key} className="check">
              <input
                type="checkbox"
                name="value"
                value={option.key}
                defaultChecked={chosen.has(option.key)}
              />
              {optionLabel(field, option.key, language)}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'person':
      return (
        <select id={id} name="value" defaultValue={typeof value === 'string' ? value : ''}>
          <option value="">{t('record.nobody')}</option>
          <MemberOptions />
        </select>
      );
    case 'text':
      return <input id={id} name="value" defaultValue={typeof value === 'string' ? value : ''} />;
  }
}

/** What FieldEditor's inputs hold, as the API takes it (null clears the value). */
export function valueFromForm(field: CustomField, form: FormData): CustomFieldValue {
  const text = fieldText(form, 'value').trim();
  switch (field.type) {
    case 'checkbox':
      return form.get('value') === 'on';
    case 'multi_select':
      return form.getAll('value').filter((v): v is string => typeof v === 'string');
    case 'number':
      return text === '' ? null : Number(text);
    case 'money': {
      const currency = fieldText(form, 'currency').toUpperCase();
      return text === '' ? null : { amountMinor: toMinor(Number(text), currency), currency };
    }
    case 'date':
    case 'person':
    case 'single_select':
    case 'text':
    case 'url':
      return text === '' ? null : text;
  }
}

/** A record's custom fields as editable rows of its details, in the fields' order. */
export function CustomFieldRows({
  fields,
  values,
  baseCurrency,
  canEdit = true,
  change,
}: {
  fields: CustomField[];
  values: Record<string, CustomFieldValue>;
  baseCurrency: string;
  canEdit?: boolean;
  change: (customFields: Record<string, CustomFieldValue>) => Promise<unknown>;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const members = useMembers();
  return fields.map((field) => {
    const value = values[field.key];
    const label = fieldLabel(field, i18n.language);
    const shown = formatFieldValue(field, value, i18n.language, members.data ?? [], [
      t('customFields.yes'),
      t('customFields.no'),
    ]);
    return (
      <EditableField
        key={field.id}
        label={field.required ? `${label} *` : label}
        canEdit={canEdit}
        value={
          field.type === 'url' && typeof value === 'string' ? (
            <a href={value} rel="noreferrer noopener" target="_blank" dir="ltr">
              {value}
            </a>
          ) : (
            shown
          )
        }
        editor={(id) => (
          <FieldEditor field={field} value={value} id={id} baseCurrency={baseCurrency} />
        )}
        onSave={(form) => change({ [field.key]: valueFromForm(field, form) })}
      />
    );
  });
}
