import type { Money } from '../../../domain/money.js';

/** The language of an export's headers and of names that exist in both (stages, pipelines). */
export type ExportLanguage = 'en' | 'ar';
export const EXPORT_LANGUAGES = ['en', 'ar'] as const;

/** A cell: text, a plain number, an amount (written as a decimal in major units) or empty. */
export type SheetValue = string | number | Money | null;

export interface Bilingual {
  en: string;
  ar: string;
}

/** One column of an exported list: its header and how to read it from a record. */
export interface SheetColumn<T> {
  header: Bilingual;
  /** Width in characters in XLSX. */
  width: number;
  value: (record: T, names: NameBook) => SheetValue;
}

/** A record with a name in each language (a stage, a pipeline, a lost reason). */
export interface BilingualName {
  name_en: string;
  name_ar: string;
}

/**
 * The names an export shows instead of ids. Pipelines, stages, lost reasons and people are
 * few and loaded once; companies, contacts and deals are looked up page by page.
 */
export interface NameBook {
  lang: ExportLanguage;
  users: Map<string, string>;
  pipelines: Map<string, BilingualName>;
  stages: Map<string, BilingualName>;
  lostReasons: Map<string, BilingualName>;
  companies: Map<string, string>;
  contacts: Map<string, string>;
  deals: Map<string, string>;
}

/** Which records of a page need their names looked up. */
export interface PageReferences {
  companyIds?: (string | null)[];
  contactIds?: (string | null)[];
  dealIds?: (string | null)[];
}

/** A list that can be exported: its columns, and its records page by page. */
export interface ListSource<T> {
  name: Bilingual;
  columns: SheetColumn<T>[];
  pages: AsyncIterable<T[]>;
  referencesOf: (page: T[]) => PageReferences;
}

/** What a writer needs: headers, and rows that arrive page by page. */
export interface Sheet {
  name: string;
  headers: string[];
  widths: number[];
  isRightToLeft: boolean;
  rows: AsyncIterable<SheetValue[]>;
}

export function isMoney(value: SheetValue): value is Money {
  return typeof value === 'object' && value !== null;
}

/** Pages of a keyset-paged list, fetched one after the other until the last one. */
export async function* pagesOf<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

export function joinNames(names: (string | undefined)[]): string | null {
  const present = names.filter((n): n is string => n !== undefined && n !== '');
  return present.length === 0 ? null : present.join('; ');
}
