import {
  type CompanyView,
  type CompanyViewQuery,
  listCompanyViews,
} from '../../records/company.service.js';
import type { ServiceContext } from '../../context.service.js';
import type { CustomFieldDef } from '../../custom-values.js';
import { customFieldColumns } from './custom-field-columns.js';
import { COMMON_HEADERS, RESOURCE_NAMES } from './labels.js';
import { nameOf } from './name-book.js';
import { type ListSource, pagesOf, type SheetColumn } from './sheet.js';

export type CompanyExportQuery = Omit<CompanyViewQuery, 'limit' | 'cursor'>;

const ownColumns: SheetColumn<CompanyView>[] = [
  { header: { en: 'Name', ar: 'الاسم' }, width: 34, value: (c) => c.name },
  { header: { en: 'Domain', ar: 'النطاق' }, width: 24, value: (c) => c.domain },
  { header: { en: 'Sector', ar: 'القطاع' }, width: 20, value: (c) => c.sector },
  { header: { en: 'Size', ar: 'الحجم' }, width: 10, value: (c) => c.size },
  { header: { en: 'Country', ar: 'الدولة' }, width: 8, value: (c) => c.country },
  { header: COMMON_HEADERS.owner, width: 20, value: (c, names) => nameOf(names.users, c.ownerId) },
  { header: COMMON_HEADERS.createdAt, width: 24, value: (c) => c.createdAt },
  { header: COMMON_HEADERS.updatedAt, width: 24, value: (c) => c.updatedAt },
  { header: COMMON_HEADERS.id, width: 38, value: (c) => c.id },
];

export function companyList(
  ctx: ServiceContext,
  query: CompanyExportQuery,
  pageSize: number,
  /** The kind's active custom fields: a column each, after the list's own. */
  customFields: readonly CustomFieldDef[],
): ListSource<CompanyView> {
  return {
    name: RESOURCE_NAMES.companies,
    columns: [...ownColumns, ...customFieldColumns<CompanyView>(customFields)],
    pages: pagesOf(async (cursor) => listCompanyViews(ctx, { ...query, limit: pageSize, cursor })),
    referencesOf: () => ({}),
  };
}
