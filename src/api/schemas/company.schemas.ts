import { z } from 'zod';
import { Cursor, Direction, Limit } from './common.js';
import {
  CUSTOM_FIELD_FILTER_HELP,
  CustomFieldSort,
  CustomFieldValues,
  CustomFieldValuesInput,
  withCustomFieldFilters,
} from './custom-field.schemas.js';

export const Company = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().nullable().describe('Normalised: lower case, no scheme, www or path'),
    sector: z.string().nullable(),
    size: z.string().nullable(),
    country: z.string().nullable(),
    ownerId: z.string().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    version: z.number().int(),
    customFields: CustomFieldValues,
  })
  .meta({ id: 'Company' });

const editableFields = {
  name: z.string().trim().min(1).max(300),
  domain: z
    .string()
    .max(500)
    .nullable()
    .describe('A domain or web address, e.g. https://www.acme.com/about → acme.com'),
  sector: z.string().trim().max(120).nullable(),
  size: z.string().trim().max(40).nullable().describe('Head-count band, e.g. 51-200'),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as SA or AE')
    .nullable(),
  ownerId: z.string().min(1).nullable(),
  customFields: CustomFieldValuesInput,
};

export const CreateCompanyBody = z
  .object(editableFields)
  .partial()
  .required({ name: true })
  .strict();

export const UpdateCompanyBody = z.object(editableFields).partial().strict();

/** The company list's own parameters (exports reuse them); CompanyListQuery adds custom fields. */
export const CompanyListFields = z.object({
  q: z.string().max(200).optional().describe('Folded search over name and domain'),
  ownerId: z.string().optional(),
  sort: z
    .union([z.enum(['name', 'createdAt', 'updatedAt']), CustomFieldSort])
    .default('name')
    .describe('A column, or cf.<key> for a custom field'),
  direction: Direction.default('asc'),
  limit: Limit,
  cursor: Cursor,
});

export const CompanyListQuery =
  withCustomFieldFilters(CompanyListFields).describe(CUSTOM_FIELD_FILTER_HELP);
