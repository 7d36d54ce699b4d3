import type { ActivityListQuery } from '../../../db/activity.repository.js';
import { type ActivityView, listActivityViews } from '../../records/activity.service.js';
import type { ServiceContext } from '../../context.service.js';
import { COMMON_HEADERS, labelOf, RESOURCE_NAMES } from './labels.js';
import { nameOf } from './name-book.js';
import { type ListSource, pagesOf, type SheetColumn } from './sheet.js';

export type ActivityExportQuery = Omit<ActivityListQuery, 'workspaceId' | 'limit' | 'cursor'>;

const columns: SheetColumn<ActivityView>[] = [
  {
    header: { en: 'Kind', ar: 'النوع' },
    width: 14,
    value: (a, names) => labelOf('activityKind', a.kind, names.lang),
  },
  { header: { en: 'Subject', ar: 'الموضوع' }, width: 36, value: (a) => a.subject },
  { header: { en: 'Note', ar: 'ملاحظة' }, width: 40, value: (a) => a.note },
  { header: { en: 'Due at', ar: 'موعد الاستحقاق' }, width: 24, value: (a) => a.dueAt },
  {
    header: { en: 'Done', ar: 'منجز' },
    width: 8,
    value: (a, names) => labelOf('yesNo', a.isDone ? 'yes' : 'no', names.lang),
  },
  { header: { en: 'Done at', ar: 'تاريخ الإنجاز' }, width: 24, value: (a) => a.doneAt },
  { header: COMMON_HEADERS.owner, width: 20, value: (a, names) => nameOf(names.users, a.ownerId) },
  {
    header: { en: 'Deal', ar: 'الصفقة' },
    width: 34,
    value: (a, names) => nameOf(names.deals, a.dealId),
  },
  {
    header: COMMON_HEADERS.company,
    width: 30,
    value: (a, names) => nameOf(names.companies, a.companyId),
  },
  {
    header: { en: 'Contact', ar: 'جهة الاتصال' },
    width: 26,
    value: (a, names) => nameOf(names.contacts, a.contactId),
  },
  { header: COMMON_HEADERS.createdAt, width: 24, value: (a) => a.createdAt },
  { header: COMMON_HEADERS.updatedAt, width: 24, value: (a) => a.updatedAt },
  { header: COMMON_HEADERS.id, width: 38, value: (a) => a.id },
];

/** Activities as the list shows them: those of deals hidden from a limited rep are left out. */
export function activityList(
  ctx: ServiceContext,
  query: ActivityExportQuery,
  pageSize: number,
): ListSource<ActivityView> {
  return {
    name: RESOURCE_NAMES.activities,
    columns,
    pages: pagesOf(async (cursor) => listActivityViews(ctx, { ...query, limit: pageSize, cursor })),
    referencesOf: (activities) => ({
      dealIds: activities.map((a) => a.dealId),
      companyIds: activities.map((a) => a.companyId),
      contactIds: activities.map((a) => a.contactId),
    }),
  };
}
