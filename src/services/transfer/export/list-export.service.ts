import type { Writable } from 'node:stream';
import { findWorkspace } from '../../../db/workspace.repository.js';
import { notFound } from '../../../domain/errors.js';
import { dayOf } from '../../../domain/period.js';
import { requirePermission, type ServiceContext } from '../../context.service.js';
import {
  activeFieldsOf,
  type CustomFieldDef,
  resolveCustomListQuery,
} from '../../custom-values.js';
import { type ActivityExportQuery, activityList } from './activity-list.js';
import { type CompanyExportQuery, companyList } from './company-list.js';
import { type ContactExportQuery, contactList } from './contact-list.js';
import { writeCsv } from './csv-writer.js';
import { type DealExportQuery, dealList } from './deal-list.js';
import { RESOURCE_NAMES } from './labels.js';
import { loadNameBook, lookUpPageNames } from './name-book.js';
import type { ExportLanguage, ListSource, NameBook, Sheet, SheetValue } from './sheet.js';
import { writeXlsx } from './xlsx-writer.js';

export const EXPORT_RESOURCES = ['deals', 'companies', 'contacts', 'activities'] as const;
export type ExportResource = (typeof EXPORT_RESOURCES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which list to export, with the same filters (and order) as that list's endpoint. */
export type ListExportRequest =
  | { resource: 'deals'; query: DealExportQuery }
  | { resource: 'companies'; query: CompanyExportQuery }
  | { resource: 'contacts'; query: ContactExportQuery }
  | { resource: 'activities'; query: ActivityExportQuery };

export interface ListExportOptions {
  format: ExportFormat;
  /** Headers and bilingual names; default: the workspace's default locale. */
  lang?: ExportLanguage | undefined;
  /** Records read per query (the list endpoints' maximum by default). */
  pageSize?: number | undefined;
}

/** An export checked and ready to stream: where it goes is the caller's (HTTP reply, file). */
export interface PreparedExport {
  /** In the export's language, e.g. `deals-2026-03-01.csv` or `الصفقات-2026-03-01.csv`. */
  fileName: string;
  /** The same in ASCII, for clients that do not read RFC 6266's `filename*`. */
  asciiFileName: string;
  contentType: string;
  /** Streams every matching record into `out`, page by page, and ends it; gives the count. */
  writeTo: (out: Writable) => Promise<number>;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const DEFAULT_PAGE_SIZE = 500;

async function* rowsOf<T>(
  ctx: ServiceContext,
  source: ListSource<T>,
  names: NameBook,
  counter: { rows: number },
): AsyncGenerator<SheetValue[]> {
  for await (const page of source.pages) {
    await lookUpPageNames(ctx, names, source.referencesOf(page));
    for (const record of page) {
      counter.rows += 1;
      yield source.columns.map((c) => c.value(record, names));
    }
  }
}

function sheetOf<T>(
  ctx: ServiceContext,
  source: ListSource<T>,
  names: NameBook,
  counter: { rows: number },
): Sheet {
  return {
    name: source.name[names.lang],
    headers: source.columns.map((c) => c.header[names.lang]),
    widths: source.columns.map((c) => c.width),
    isRightToLeft: names.lang === 'ar',
    rows: rowsOf(ctx, source, names, counter),
  };
}

/** The custom fields whose columns an export of `resource` carries. */
const CUSTOM_FIELD_KIND = { deals: 'deal', companies: 'company', contacts: 'contact' } as const;

function sheetFor(
  ctx: ServiceContext,
  request: ListExportRequest,
  names: NameBook,
  pageSize: number,
  counter: { rows: number },
  customFields: readonly CustomFieldDef[],
): Sheet {
  switch (request.resource) {
    case 'deals':
      return sheetOf(ctx, dealList(ctx, request.query, pageSize, customFields), names, counter);
    case 'companies':
      return sheetOf(ctx, companyList(ctx, request.query, pageSize, customFields), names, counter);
    case 'contacts':
      return sheetOf(ctx, contactList(ctx, request.query, pageSize, customFields), names, counter);
    case 'activities':
      return sheetOf(ctx, activityList(ctx, request.query, pageSize), names, counter);
  }
}

/**
 * Exports a list (deals, companies, contacts or activities) as CSV or XLSX, filtered exactly as
 * the list endpoint filters it for the same actor — a rep limited to their own deals exports only
 * those — and read page by page with the list's keyset cursor, so the whole table is never in
 * memory. Ids become names (stages and pipelines in the requested language), amounts become
 * decimals beside their currency, instants are ISO 8601 in UTC, and every text cell is
 * neutralised against formula injection (see src/domain/spreadsheet-cell.ts).
 * @example
 *   const file = await prepareListExport(ctx, { resource: 'deals', query }, { format: 'csv' });
 *   await file.writeTo(createWriteStream(file.asciiFileName));
 */
export async function prepareListExport(
  ctx: ServiceContext,
  request: ListExportRequest,
  options: ListExportOptions,
): Promise<PreparedExport> {
  requirePermission(ctx.actor, 'read');
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const lang = options.lang ?? (workspace.default_locale === 'ar' ? 'ar' : 'en');
  const names = await loadNameBook(ctx, lang);
  const customKind =
    request.resource === 'activities' ? undefined : CUSTOM_FIELD_KIND[request.resource];
  const customFields = customKind ? await activeFieldsOf(ctx, customKind) : [];
  if (customKind && request.resource !== 'activities') {
    // A bad custom-field filter or sort is a 400 now, before anything is streamed.
    await resolveCustomListQuery(ctx, customKind, request.query, request.query.sort);
  }
  const day = dayOf(ctx.now, workspace.time_zone);
  const asciiFileName = `${request.resource}-${day}.${options.format}`;
  const localName = lang === 'en' ? request.resource : RESOURCE_NAMES[request.resource].ar;
  return {
    fileName: `${localName}-${day}.${options.format}`,
    asciiFileName,
    contentType: CONTENT_TYPES[options.format],
    writeTo: async (out) => {
      const counter = { rows: 0 };
      const sheet = sheetFor(
        ctx,
        request,
        names,
        options.pageSize ?? DEFAULT_PAGE_SIZE,
        counter,
        customFields,
      );
      await (options.format === 'csv' ? writeCsv(sheet, out) : writeXlsx(sheet, out));
      return counter.rows;
    },
  };
}
