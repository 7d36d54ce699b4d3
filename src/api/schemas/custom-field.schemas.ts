import { z } from 'zod';
import {
  CUSTOM_FIELD_KEY_PATTERN,
  CUSTOM_FIELD_RECORD_KINDS,
  CUSTOM_FIELD_TYPES,
  MAX_OPTIONS,
  OPTION_KEY_PATTERN,
} from '../../domain/custom-fields.js';
import {
  CUSTOM_FIELD_PARAM_PREFIX,
  type CustomFieldCondition,
  parseCustomFieldParam,
  parseCustomFieldTriple,
} from '../../domain/custom-field-filters.js';
import { Currency } from './common.js';

const MoneyValue = z
  .object({
    amountMinor: z.number().int().describe('In minor units of the currency (cents, halalas)'),
    currency: Currency,
  })
  .strict()
  .meta({ id: 'CustomFieldMoney' });

/** One custom field's value, typed by the field's type. */
export const CustomFieldValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string()), MoneyValue, z.null()])
  .describe(
    'By the field’s type: text, url, date (YYYY-MM-DD), single_select (the option’s key) and ' +
      'person (a member’s id) are strings; number a number; checkbox a boolean; multi_select ' +
      'a list of option keys; money { amountMinor, currency }; null when the record has none.',
  )
  .meta({ id: 'CustomFieldValue' });

/** `customFields` of a record's view: every active field of its kind, null where unset. */
export const CustomFieldValues = z
  .record(z.string(), CustomFieldValue)
  .describe(
    'The record’s custom fields by key (GET /api/v1/custom-fields lists them): every active ' +
      'field of this kind of record, null where the record has no value.',
  );

/**
 * A value in a body: the shapes of CustomFieldValue, loosely (an amount's integer and currency
 * are checked against the field, so the error names the field's key).
 */
const CustomFieldValueInput = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.array(z.string()).max(200),
    z.object({ amountMinor: z.number(), currency: z.string() }).strict(),
    z.null(),
  ])
  .describe(CustomFieldValue.description ?? '');

/** `customFields` of a create or update body: only the keys given are set. */
export const CustomFieldValuesInput = z
  .record(z.string().max(40), CustomFieldValueInput)
  .describe(
    'Custom-field values by key; only the keys sent change, null clears one. An unknown key, a ' +
      'value of the wrong type or an unknown option is a 400 at ["customFields", key]; on create, ' +
      'a required field without a value too.',
  );

const Label = z.string().trim().min(1).max(120);

const OptionInput = z
  .object({
    key: z
      .string()
      .regex(OPTION_KEY_PATTERN, 'Lower-case letters, digits, - and _ (e.g. enterprise)')
      .describe('Stable: what values and filters hold, however the labels change'),
    labelEn: Label,
    labelAr: Label,
    archived: z.boolean().default(false).describe('Archived options stay on values that hold them'),
  })
  .strict();

const Option = z
  .object({
    key: z.string(),
    labelEn: z.string(),
    labelAr: z.string(),
    archivedAt: z.string().nullable(),
  })
  .meta({ id: 'CustomFieldOption' });

export const CustomField = z
  .object({
    id: z.string(),
    recordKind: z.enum(CUSTOM_FIELD_RECORD_KINDS),
    key: z.string().describe('Unique per record kind, never changed: cf.<key> in list filters'),
    type: z.enum(CUSTOM_FIELD_TYPES),
    labelEn: z.string(),
    labelAr: z.string(),
    required: z.boolean().describe('A new record must have a value; no update may clear it'),
    tracked: z
      .boolean()
      .describe('Deal fields only: every change of the value goes into the deal’s field history'),
    position: z.number().int().describe('1-based place among the kind’s active fields'),
    options: z.array(Option).describe('single_select and multi_select only; else empty'),
    archivedAt: z.string().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CustomField' });

export const CustomFieldListQuery = z.object({
  recordKind: z.enum(CUSTOM_FIELD_RECORD_KINDS).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});

export const CreateCustomFieldBody = z
  .object({
    recordKind: z.enum(CUSTOM_FIELD_RECORD_KINDS),
    key: z
      .string()
      .regex(
        CUSTOM_FIELD_KEY_PATTERN,
        'A lower-case letter, then letters, digits or _ (at most 40), e.g. annual_revenue',
      ),
    type: z.enum(CUSTOM_FIELD_TYPES),
    labelEn: Label,
    labelAr: Label,
    required: z.boolean().optional(),
    tracked: z.boolean().optional().describe('Deal fields only; default false'),
    position: z.number().int().min(1).optional().describe('Default: last'),
    options: z.array(OptionInput).max(MAX_OPTIONS).optional(),
  })
  .strict();

export const UpdateCustomFieldBody = z
  .object({
    labelEn: Label,
    labelAr: Label,
    required: z.boolean(),
    tracked: z.boolean().describe('Deal fields only: changes from now on go into the history'),
    position: z.number().int().min(1).describe('Moves the field; the others follow'),
    options: z
      .array(OptionInput)
      .max(MAX_OPTIONS)
      .describe('The whole list, in order: every existing key must stay (archive it instead)'),
    archived: z.boolean().describe('Archive (hide from records, filters and imports) or restore'),
  })
  .partial()
  .strict()
  .describe('The key, type and record kind never change');

const QueryValue = z.union([z.string(), z.array(z.string())]);

/** `sort=cf.<key>`: the list ordered by a custom field's value (not a multi-select). */
export const CustomFieldSort = z.templateLiteral([
  CUSTOM_FIELD_PARAM_PREFIX,
  z.string().regex(CUSTOM_FIELD_KEY_PATTERN),
]);

export const CUSTOM_FIELD_FILTER_HELP =
  'Custom fields filter the list too: `cf.<key>=value` (equals; a multi-select: contains the ' +
  'option; a checkbox: true or false, unset counting as false), `cf.<key>.gte=` and ' +
  '`cf.<key>.lte=` (number, money in minor units, date YYYY-MM-DD), `cf.<key>.currency=USD` ' +
  '(money); repeated or combined, all must hold. The same as `customField=<key>:<op>:<value>`. ' +
  '`sort=cf.<key>` orders by a field. See docs/custom-fields.md.';

/**
 * A list's query string with custom-field filters: the list's own parameters, plus any number
 * of `cf.<key>[.<op>]` parameters (which OpenAPI cannot list: they are described) and the
 * repeatable `customField=<key>:<op>:<value>`. Both become `customFieldFilters`; other unknown
 * parameters are ignored, as before.
 */
export function withCustomFieldFilters<Shape extends z.ZodRawShape>(list: z.ZodObject<Shape>) {
  const known = new Set(Object.keys(list.shape));
  return list
    .extend({
      customField: QueryValue.optional().describe(
        'A custom-field filter, <key>:<op>:<value> with op eq, gte, lte or currency ' +
          '(e.g. revenue:gte:100); repeat it for several. Same as cf.<key>.<op>=<value>.',
      ),
    })
    .catchall(QueryValue)
    .transform((query, ctx) => {
      const own: Record<string, unknown> = {};
      const filters: CustomFieldCondition[] = [];
      const add = (parsed: ReturnType<typeof parseCustomFieldParam>, path: (string | number)[]) => {
        if (parsed.ok) filters.push(parsed.condition);
        else ctx.addIssue({ code: 'custom', path, message: parsed.message });
      };
      for (const [name, value] of Object.entries(query)) {
        if (name === 'customField') {
          const texts = typeof value === 'string' ? [value] : (value as string[]);
          texts.forEach((text, index) =>
            add(parseCustomFieldTriple(text, index), ['customField', index]),
          );
        } else if (name.startsWith(CUSTOM_FIELD_PARAM_PREFIX)) {
          const texts = typeof value === 'string' ? [value] : (value as string[]);
          for (const text of texts) add(parseCustomFieldParam(name, text), [name]);
        } else if (known.has(name)) {
          own[name] = value;
        }
      }
      return { ...(own as z.output<z.ZodObject<Shape>>), customFieldFilters: filters };
    });
}
