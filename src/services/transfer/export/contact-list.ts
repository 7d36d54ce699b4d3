import {
  type ContactView,
  type ContactViewQuery,
  listContactViews,
} from '../../records/contact.service.js';
import type { ServiceContext } from '../../context.service.js';
import type { CustomFieldDef } from '../../custom-values.js';
import { customFieldColumns } from './custom-field-columns.js';
import { COMMON_HEADERS, labelOf, RESOURCE_NAMES } from './labels.js';
import { nameOf } from './name-book.js';
import { joinNames, type ListSource, pagesOf, type SheetColumn } from './sheet.js';

export type ContactExportQuery = Omit<ContactViewQuery, 'limit' | 'cursor'>;

const ownColumns: SheetColumn<ContactView>[] = [
  { header: { en: 'Name', ar: 'الاسم' }, width: 30, value: (c) => c.name },
  { header: { en: 'Job title', ar: 'المسمى الوظيفي' }, width: 24, value: (c) => c.jobTitle },
  {
    header: { en: 'Role', ar: 'الدور' },
    width: 16,
    value: (c, names) => labelOf('contactRole', c.role, names.lang),
  },
  {
    header: COMMON_HEADERS.company,
    width: 30,
    value: (c, names) => nameOf(names.companies, c.companyId),
  },
  {
    header: { en: 'Emails', ar: 'البريد الإلكتروني' },
    width: 34,
    value: (c) => joinNames(c.emails.map((e) => e.value)),
  },
  {
    header: { en: 'Phones', ar: 'الهاتف' },
    width: 24,
    value: (c) => joinNames(c.phones.map((p) => p.value)),
  },
  { header: COMMON_HEADERS.owner, width: 20, value: (c, names) => nameOf(names.users, c.ownerId) },
  { header: COMMON_HEADERS.createdAt, width: 24, value: (c) => c.createdAt },
  { header: COMMON_HEADERS.updatedAt, width: 24, value: (c) => c.updatedAt },
  { header: COMMON_HEADERS.id, width: 38, value: (c) => c.id },
];

export function contactList(
  ctx: ServiceContext,
  query: ContactExportQuery,
  pageSize: number,
  /** The kind's active custom fields: a column each, after the list's own. */
  customFields: readonly CustomFieldDef[],
): ListSource<ContactView> {
  return {
    name: RESOURCE_NAMES.contacts,
    columns: [...ownColumns, ...customFieldColumns<ContactView>(customFields)],
    pages: pagesOf(async (cursor) => listContactViews(ctx, { ...query, limit: pageSize, cursor })),
    referencesOf: (contacts) => ({ companyIds: contacts.map((c) => c.companyId) }),
  };
}
