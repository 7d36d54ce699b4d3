/**
 * Filtering a list or the board by one custom field, kept in the address (?field=&fieldValue=
 * or ?field=&fieldFrom=&fieldTo=), and sent to the API as its cf.<key> parameters.
 */
import { useTranslation } from 'react-i18next';
import { type CustomField, type CustomFieldKind, useActiveFields } from '../../api/custom-fields';
import { toMinor } from '../../format';
import { useDebounced, useSearchParam } from '../../search-param';
import { MemberOptions } from '../../shared/owner-select';
import { useWorkspace } from '../../workspace';
import { fieldLabel } from './custom-field-value';

const RANGED = new Set(['number', 'money', 'date']);

export function useCustomFieldFilter(kind: CustomFieldKind) {
  const fields = useActiveFields(kind);
  const workspace = useWorkspace();
  const [key, setKey] = useSearchParam('field');
  const [value, setValue] = useSearchParam('fieldValue');
  const [from, setFrom] = useSearchParam('fieldFrom');
  const [to, setTo] = useSearchParam('fieldTo');
  // Debounced as one string: typing a range's bound asks the server once.
  const [settledValue = '', settledFrom = '', settledTo = ''] = JSON.parse(
    useDebounced(JSON.stringify([value.trim(), from, to])),
  ) as string[];
  const settled = { value: settledValue, from: settledFrom, to: settledTo };
  const field = fields.find((f) => f.key === key);
  const currency = workspace.data?.baseCurrency ?? 'USD';
  /** The API's parameters for the filter; none while no field (or no value) is chosen. */
  const params: Record<string, string> = {};
  if (field) {
    const name = `cf.${field.key}`;
    const bound = (text: string) =>
      field.type === 'money' ? String(toMinor(Number(text), currency)) : text;
    if (RANGED.has(field.type)) {
      if (settled.from) params[`${name}.gte`] = bound(settled.from);
      if (settled.to) params[`${name}.lte`] = bound(settled.to);
      if (field.type === 'money' && (settled.from || settled.to)) {
        params[`${name}.currency`] = currency;
      }
    } else if (settled.value) {
      params[name] = settled.value;
    }
  }
  return {
    fields,
    field,
    key,
    value,
    from,
    to,
    params,
    isFiltered: Object.keys(params).length > 0,
    setKey: (next: string) => {
      setKey(next);
      setValue('');
      setFrom('');
      setTo('');
    },
    setValue,
    setFrom,
    setTo,
    clear: () => {
      for (const set of [setKey, setValue, setFrom, setTo]) set('');
    },
  };
}

export type CustomFieldFilterState = ReturnType<typeof useCustomFieldFilter>;

/** The field to filter by and, by its type, the value or the range. */
export function CustomFieldFilter({ state }: { state: CustomFieldFilterState }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (state.fields.length === 0) return null;
  const field = state.field;
  return (
    <>
      <label>
        {t('customFields.filterField')}
        <select value={state.key} onChange={(e) => state.setKey(e.target.value)}>
          <option value="">{t('customFields.anyField')}</option>
          {state.fields.map((f) => (
            <option key={f.key} value={f.key}>
              {fieldLabel(f, language)}
            </option>
          ))}
        </select>
      </label>
      {field && <ValueControl field={field} state={state} />}
    </>
  );
}

function ValueControl({ field, state }: { field: CustomField; state: CustomFieldFilterState }) {
  const { t, i18n } = useTranslation();
  const name = fieldLabel(field, i18n.language);
  if (RANGED.has(field.type)) {
    const type = field.type === 'date' ? 'date' : 'number';
    return (
      <>
        <label>
          {`${name}: ${t('customFields.from')}`}
          <input
            type={type}
            step="any"
            value={state.from}
            onChange={(e) => state.setFrom(e.target.value)}
          />
        </label>
        <label>
          {`${name}: ${t('customFields.to')}`}
          <input
            type={type}
            step="any"
            value={state.to}
            onChange={(e) => state.setTo(e.target.value)}
          />
        </label>
      </>
    );
  }
  const label = `${name}: ${t('customFields.filterValue')}`;
  if (
    field.type === 'single_select' ||
    field.type === 'multi_select' ||
    field.type === 'checkbox' ||
    field.type === 'person'
  ) {
    return (
      <label>
        {label}
        <select value={state.value} onChange={(e) => state.setValue(e.target.value)}>
          <option value="">{t('lists.any')}</option>
          {field.type === 'checkbox' && (
            <>
              <option value="true">{t('customFields.yes')}</option>
              <option value="false">{t('customFields.no')}</option>
            </>
          )}
          {field.type === 'person' && <MemberOptions />}
          {field.options
            .filter((o) => o.archivedAt === null)
            .map((o) => (
              <option key={o.key} value={o.key}>
                {i18n.language === 'ar' ? o.labelAr : o.labelEn}
              </option>
            ))}
        </select>
      </label>
    );
  }
  return (
    <label>
      {label}
      <input value={state.value} onChange={(e) => state.setValue(e.target.value)} />
    </label>
  );
}
