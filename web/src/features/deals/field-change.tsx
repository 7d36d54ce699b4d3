import type { TFunction } from 'i18next';
import type { CustomField, CustomFieldValue } from '../../api/custom-fields';
import type { components } from '../../api/schema';
import { formatDay, formatMoney } from '../../format';
import { fieldLabel, formatFieldValue } from '../custom-fields/custom-field-value';

export type FieldHistoryEntry = components['schemas']['FieldHistoryEntry'];

/** What the timeline needs to put a recorded value into words. */
export interface FieldChangeContext {
  t: TFunction;
  language: string;
  /** The deal's currency at the instant of an entry (amounts are minor units of it). */
  currencyAt: (entry: FieldHistoryEntry) => string;
  memberName: (id: string) => string | undefined;
  pipelineName: (id: string) => string | undefined;
  customField: (key: string) => CustomField | undefined;
  members: Parameters<typeof formatFieldValue>[3];
}

const SOURCES = ['person', 'token', 'import', 'rule'] as const;

/** The field's name in the reader's language. */
export function fieldName(field: string, ctx: FieldChangeContext): string {
  if (field.startsWith('cf.')) {
    const custom = ctx.customField(field.slice(3));
    return custom ? fieldLabel(custom, ctx.language) : field.slice(3);
  }
  return ctx.t(`history.field_${field}`, { defaultValue: field });
}

/** One recorded value (the history's text) in words; "—" for none. */
export function valueText(
  entry: FieldHistoryEntry,
  text: string | null,
  ctx: FieldChangeContext,
): string {
  const { field } = entry;
  if (text === null || text === '') return '—';
  if (field.startsWith('bant.')) {
    // `high: CFO signs off` → "CFO signs off (sure)"
    const [confidence = '', ...words] = text.split(': ');
    return `${words.join(': ')} (${ctx.t(`qualification.confidence.${confidence}`, { defaultValue: confidence })})`;
  }
  switch (field) {
    case 'amount':
      return formatMoney(Number(text), ctx.currencyAt(entry), ctx.language);
    case 'expectedCloseDate':
      return formatDay(text, ctx.language);
    case 'owner':
      return ctx.memberName(text) ?? text;
    case 'pipeline':
      return ctx.pipelineName(text) ?? text;
    case 'probability':
      return ctx.t('history.percent', { percent: Number(text) });
    case 'amountSource':
      return ctx.t(`record.amountSource_${text}`, { defaultValue: text });
    default:
      break;
  }
  if (field.startsWith('cf.')) {
    const custom = ctx.customField(field.slice(3));
    if (!custom) return text;
    let value: CustomFieldValue;
    try {
      value = JSON.parse(text) as CustomFieldValue;
    } catch {
      return text;
    }
    return formatFieldValue(custom, value, ctx.language, ctx.members, [
      ctx.t('customFields.yes'),
      ctx.t('customFields.no'),
    ]);
  }
  return text;
}

/** "Amount: $100,000.00 → $20,000.00" in the reader's language. */
export function describeFieldChange(entry: FieldHistoryEntry, ctx: FieldChangeContext): string {
  return ctx.t('history.changed', {
    field: fieldName(entry.field, ctx),
    from: valueText(entry, entry.from, ctx),
    to: valueText(entry, entry.to, ctx),
  });
}

/** Where the change came from, when not a person in the app: an API token, an import, a rule. */
export function sourceText(entry: FieldHistoryEntry, t: TFunction): string | null {
  if (entry.source === 'person' || !SOURCES.includes(entry.source)) return null;
  return t(`history.source_${entry.source}`);
}

/**
 * The deal's currency at each entry, from its currency changes: the value after the last one
 * at or before the entry, else the value before the first one after it, else today's.
 */
export function currencyOfEntries(
  entries: readonly FieldHistoryEntry[],
  current: string,
): (entry: FieldHistoryEntry) => string {
  const changes = entries
    .filter((e) => e.field === 'currency')
    .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
  return (entry) => {
    const at = entry.at ?? '';
    const before = changes.filter((c) => (c.at ?? '') <= at).at(-1);
    if (before?.to) return before.to;
    const after = changes.find((c) => (c.at ?? '') > at);
    return after?.from ?? current;
  };
}
