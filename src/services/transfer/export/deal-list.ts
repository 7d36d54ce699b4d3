import type { ServiceContext } from '../../context.service.js';
import { type DealViewQuery, listDealViews } from '../../deals/deal.service.js';
import type { DealView } from '../../deals/deal-view.js';
import type { CustomFieldDef } from '../../custom-values.js';
import { customFieldColumns } from './custom-field-columns.js';
import { COMMON_HEADERS, labelOf, nameIn, RESOURCE_NAMES } from './labels.js';
import { nameOf } from './name-book.js';
import { joinNames, type ListSource, pagesOf, type SheetColumn } from './sheet.js';

/** The deal list's filters and order, without its paging. */
export type DealExportQuery = Omit<DealViewQuery, 'limit' | 'cursor'>;

const ownColumns: SheetColumn<DealView>[] = [
  { header: { en: 'Title', ar: 'العنوان' }, width: 40, value: (d) => d.title },
  {
    header: { en: 'Pipeline', ar: 'خط المبيعات' },
    width: 20,
    value: (d, names) => nameIn(names.pipelines.get(d.pipelineId), names.lang),
  },
  {
    header: { en: 'Stage', ar: 'المرحلة' },
    width: 24,
    value: (d, names) => nameIn(names.stages.get(d.stageId), names.lang) ?? d.stageId,
  },
  {
    header: { en: 'Status', ar: 'الحالة' },
    width: 10,
    value: (d, names) => labelOf('status', d.status, names.lang),
  },
  {
    header: COMMON_HEADERS.company,
    width: 30,
    value: (d, names) => nameOf(names.companies, d.companyId),
  },
  { header: COMMON_HEADERS.owner, width: 20, value: (d, names) => nameOf(names.users, d.ownerId) },
  {
    header: { en: 'Amount', ar: 'القيمة' },
    width: 16,
    value: (d) => (d.amountMinor === null ? null : { minor: d.amountMinor, currency: d.currency }),
  },
  { header: { en: 'Currency', ar: 'العملة' }, width: 9, value: (d) => d.currency },
  {
    header: { en: 'Amount source', ar: 'مصدر القيمة' },
    width: 12,
    value: (d, names) => labelOf('amountSource', d.amountSource, names.lang),
  },
  {
    header: { en: 'Expected close date', ar: 'تاريخ الإغلاق المتوقع' },
    width: 14,
    value: (d) => d.expectedCloseDate,
  },
  {
    header: { en: 'Probability override (%)', ar: 'الاحتمال المحدد (%)' },
    width: 10,
    value: (d) => d.probabilityOverride,
  },
  { header: { en: 'Source', ar: 'المصدر' }, width: 16, value: (d) => d.source },
  {
    header: { en: 'Lost reason', ar: 'سبب الخسارة' },
    width: 20,
    value: (d, names) =>
      d.lostReasonId === null ? null : nameIn(names.lostReasons.get(d.lostReasonId), names.lang),
  },
  { header: { en: 'Lost note', ar: 'ملاحظة الخسارة' }, width: 30, value: (d) => d.lostNote },
  {
    header: { en: 'Contacts', ar: 'جهات الاتصال' },
    width: 30,
    value: (d, names) =>
      joinNames(d.contacts.map((c) => nameOf(names.contacts, c.contactId) ?? undefined)),
  },
  { header: { en: 'Opened at', ar: 'تاريخ الفتح' }, width: 24, value: (d) => d.openedAt },
  { header: { en: 'Closed at', ar: 'تاريخ الإغلاق' }, width: 24, value: (d) => d.closedAt },
  {
    header: { en: 'In stage since', ar: 'في المرحلة منذ' },
    width: 24,
    value: (d) => d.stageEnteredAt,
  },
  {
    header: { en: 'Last activity at', ar: 'آخر نشاط' },
    width: 24,
    value: (d) => d.lastActivityAt,
  },
  { header: COMMON_HEADERS.createdAt, width: 24, value: (d) => d.createdAt },
  { header: COMMON_HEADERS.updatedAt, width: 24, value: (d) => d.updatedAt },
  { header: COMMON_HEADERS.id, width: 38, value: (d) => d.id },
];

/** Deals as the list shows them to the actor (reps limited to their own see only those). */
export function dealList(
  ctx: ServiceContext,
  query: DealExportQuery,
  pageSize: number,
  /** The kind's active custom fields: a column each, after the list's own. */
  customFields: readonly CustomFieldDef[],
): ListSource<DealView> {
  return {
    name: RESOURCE_NAMES.deals,
    columns: [...ownColumns, ...customFieldColumns<DealView>(customFields)],
    pages: pagesOf(async (cursor) => listDealViews(ctx, { ...query, limit: pageSize, cursor })),
    referencesOf: (deals) => ({
      companyIds: deals.map((d) => d.companyId),
      contactIds: deals.flatMap((d) => d.contacts.map((c) => c.contactId)),
    }),
  };
}
