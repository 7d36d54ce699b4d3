import { z } from 'zod';
import { isPlausiblePhone } from '../../domain/contact-channel.js';
import { CONTACT_ROLES } from '../../services/records/contact.service.js';
import { Cursor, Direction, Limit } from './common.js';
import {
  CUSTOM_FIELD_FILTER_HELP,
  CustomFieldSort,
  CustomFieldValues,
  CustomFieldValuesInput,
  withCustomFieldFilters,
} from './custom-field.schemas.js';

const Channel = z
  .object({
    value: z.string().describe('As typed'),
    normalized: z.string().describe('Email in lower case; phone as + and ASCII digits'),
    label: z.string().nullable(),
  })
  .meta({ id: 'ContactChannel' });

export const Contact = z
  .object({
    id: z.string(),
    name: z.string(),
    jobTitle: z.string().nullable(),
    role: z.enum(CONTACT_ROLES),
    companyId: z.string().nullable(),
    ownerId: z.string().nullable(),
    emails: z.array(Channel),
    phones: z.array(Channel),
    leftAt: z.string().nullable().describe('When the person left their company; null: still there'),
    leftNote: z.string().nullable(),
    createdAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    version: z.number().int(),
    customFields: CustomFieldValues,
  })
  .meta({ id: 'Contact' });

const Label = z.string().trim().max(40).nullish().describe('e.g. work, mobile');

const EmailInput = z
  .object({ value: z.string().trim().max(320).check(z.email()), label: Label })
  .strict();

const PhoneInput = z
  .object({
    value: z
      .string()
      .max(60)
      .refine(isPlausiblePhone, 'Not a phone number')
      .describe('Any common format; Arabic-Indic digits are accepted'),
    label: Label,
  })
  .strict();

const editableFields = {
  name: z.string().trim().min(1).max(300),
  jobTitle: z.string().trim().max(200).nullable(),
  role: z.enum(CONTACT_ROLES),
  companyId: z.string().min(1).nullable(),
  ownerId: z.string().min(1).nullable(),
  emails: z.array(EmailInput).max(20),
  phones: z.array(PhoneInput).max(20),
  customFields: CustomFieldValuesInput,
};

export const CreateContactBody = z
  .object(editableFields)
  .partial()
  .required({ name: true })
  .strict();

export const UpdateContactBody = z
  .object(editableFields)
  .partial()
  .strict()
  .describe('emails or phones, when sent, replace all of that kind');

/** The contact list's own parameters (exports reuse them); ContactListQuery adds custom fields. */
export const ContactListFields = z.object({
  q: z.string().max(200).optional().describe('Folded search over name, job title and emails'),
  companyId: z.string().optional(),
  email: z.string().max(320).optional().describe('Exact address, case-insensitive'),
  sort: z
    .union([z.enum(['name', 'createdAt', 'updatedAt']), CustomFieldSort])
    .default('name')
    .describe('A column, or cf.<key> for a custom field'),
  direction: Direction.default('asc'),
  limit: Limit,
  cursor: Cursor,
});

export const ContactListQuery =
  withCustomFieldFilters(ContactListFields).describe(CUSTOM_FIELD_FILTER_HELP);

export const ContactLeftBody = z
  .object({
    hasLeft: z.boolean().describe('true: the person has left their company; false: back again'),
    note: z.string().trim().max(1000).nullish().describe('e.g. where they went'),
  })
  .strict();
