import type { Db } from '../../../db/connection.js';
import { newId } from '../../../db/id.js';
import { findExternalRefs, insertExternalRefs } from '../../../db/import.repository.js';
import type { ExternalRefTable } from '../../../db/schema.js';
import { DomainError } from '../../../domain/errors.js';
import {
  type DateParse,
  type ImportedDate,
  parseImportDate,
} from '../../../domain/import/import-date.js';
import { canonicalAmount, hasExcessPrecision } from '../../../domain/import/import-amount.js';
import { currencyExponent, parseAmountToMinor } from '../../../domain/money.js';
import { dayOf, startOfDayMs } from '../../../domain/period.js';
import type { Actor } from '../../context.service.js';
import type { ImportRow } from './import-columns.js';
import type { ImportKind } from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import type { ChangeAuthor } from '../../deals/deal-spine.js';
import type { ReportBuilder } from '../../../domain/import/import-report.js';
import type { SourceDealHistory } from '../../../domain/import/imported-history.js';

/** Caches of repeated values stop growing here, so memory stays flat on any file. */
const MAX_CACHED = 100_000;

/** Thrown by a row check: the row is rejected with this reason, at this field's column. */
export class RowRejected extends Error {
  constructor(
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A record changed by someone else while the import ran: the import is undone, try again. */
export function changedDuringImport(what: string, name: string): DomainError {
  return new DomainError(
    'CONFLICT',
    `The ${what} "${name}" was changed by someone else during the import; nothing was ` +
      'imported. Run the import again.',
  );
}

export interface WorkspaceFacts {
  id: string;
  baseCurrency: string;
  timeZone: string;
}

/** Where a row check or a batch sends a rejected row (see importRecords). */
export type RejectRow = (row: ImportRow, field: string | null, reason: string) => void;

/**
 * Everything one file's import shares: the transaction it writes in (rolled back afterwards for
 * a dry run or a refused all-or-nothing run, so that what is reported is exactly what a real
 * run does), the report, and the row-reading helpers every kind uses.
 */
export class ImportRun {
  readonly #dateOrders = new Map<string, 'dmy' | 'mdy'>();
  /** Time-zone arithmetic is slow (Intl) and files repeat their days: each day is done once. */
  readonly #dayStarts = new Map<string, number>();
  readonly #daysOf = new Map<number, string>();
  /** Files repeat their dates: each text is parsed once (up to MAX_CACHED of them). */
  readonly #dateTexts = new Map<string, DateParse>();
  #pendingRefs: ExternalRefTable[] = [];
  /** Deals' recorded pasts by external id, when a migration brings them (see migrate/). */
  dealHistories: ReadonlyMap<string, SourceDealHistory> | null = null;

  constructor(
    readonly db: Db,
    readonly actor: Actor,
    readonly now: number,
    readonly kind: ImportKind,
    readonly workspace: WorkspaceFacts,
    readonly options: ImportOptions,
    readonly report: ReportBuilder,
    readonly source: string,
    /** Rejects a row found wrong while its batch is matched (a check that needs the database). */
    readonly reject: RejectRow,
  ) {}

  /** The value of a field that must be there. */
  required(row: ImportRow, field: string, what = field): string {
    const value = row.get(field);
    if (value === null) throw new RowRejected(field, `${what} is empty`);
    return value;
  }

  /** A date cell as an instant in the workspace's time zone; null when empty. */
  instant(row: ImportRow, field: string): number | null {
    const date = this.date(row, field);
    if (!date) return null;
    if (date.instantMs !== null) return date.instantMs;
    let start = this.#dayStarts.get(date.day);
    if (start === undefined) {
      start = startOfDayMs(date.day, this.workspace.timeZone);
      this.#dayStarts.set(date.day, start);
    }
    return start + (date.minutes ?? 0) * 60_000;
  }

  /** The calendar day of an instant in the workspace's time zone. */
  dayOf(ms: number): string {
    let day = this.#daysOf.get(ms);
    if (day === undefined) {
      day = dayOf(ms, this.workspace.timeZone);
      if (this.#daysOf.size < MAX_CACHED) this.#daysOf.set(ms, day);
    }
    return day;
  }

  /**
   * A date cell; a column read one way (day first) never switches to the other on a later row.
   */
  date(row: ImportRow, field: string): ImportedDate | null {
    const text = row.get(field);
    if (text === null) return null;
    let parsed = this.#dateTexts.get(text);
    if (parsed === undefined) {
      parsed = parseImportDate(text, this.options.dateFormat ?? null);
      if (this.#dateTexts.size < MAX_CACHED) this.#dateTexts.set(text, parsed);
    }
    if (!parsed.ok) throw new RowRejected(field, parsed.reason);
    if (parsed.order) {
      const seen = this.#dateOrders.get(field);
      if (seen && seen !== parsed.order) {
        throw new RowRejected(
          field,
          `"${text}" reads as ${parsed.order} but earlier rows of this column read as ${seen}: ` +
            'declare "dateFormat" in the mapping',
        );
      }
      this.#dateOrders.set(field, parsed.order);
    }
    return parsed.value;
  }

  /**
   * An amount cell in minor units of `currency`: thousands separators, Arabic digits, a currency
   * sign; never negative, never rounded (more decimals than the currency has is a rejection).
   */
  amount(row: ImportRow, field: string, currency: string): number | null {
    const text = row.get(field);
    return text === null ? null : this.amountOfText(text, field, currency);
  }

  /** An amount's text in minor units of `currency`, read as amount() reads a cell. */
  amountOfText(text: string, field: string, currency: string): number {
    const parsed = canonicalAmount(text, this.options.decimalSeparator ?? '.');
    if (!parsed.ok) throw new RowRejected(field, parsed.reason);
    if (parsed.text.startsWith('-')) {
      throw new RowRejected(field, `an amount cannot be negative: "${text}"`);
    }
    if (hasExcessPrecision(parsed.text, currencyExponent(currency))) {
      throw new RowRejected(
        field,
        `"${text}" has more decimals than ${currency} has (${currencyExponent(currency)}); ` +
          'amounts are not rounded',
      );
    }
    try {
      return parseAmountToMinor(parsed.text, currency);
    } catch {
      throw new RowRejected(field, `not an amount: "${text}"`);
    }
  }

  /** Record ids already imported under the external ids of a batch (this source and kind). */
  existingRecords(refKind: string, externalIds: string[]): Promise<Map<string, string>> {
    return findExternalRefs(
      this.db,
      { workspaceId: this.workspace.id, kind: refKind, source: this.source },
      externalIds,
    );
  }

  /** Remembers that `recordId` came in under `externalId`; written by writeExternalRefs. */
  addExternalRef(refKind: string, externalId: string, recordId: string): void {
    this.#pendingRefs.push({
      workspace_id: this.workspace.id,
      kind: refKind,
      source: this.source,
      external_id: externalId,
      record_id: recordId,
      created_at: this.now,
    });
  }

  async writeExternalRefs(): Promise<void> {
    const rows = this.#pendingRefs;
    this.#pendingRefs = [];
    await insertExternalRefs(this.db, rows);
  }

  /** A row whose external id names a record deleted in Qanat since: it stays deleted. */
  skipDeleted(row: ImportRow, what: string): void {
    this.report.warn(
      'deleted_in_qanat',
      `${what} imported before and deleted since were left deleted`,
      row.number,
    );
    this.report.report.rows.skipped += 1;
  }

  newId(): string {
    return newId();
  }

  /** The person importing, as the author of the deal changes and history rows written. */
  get author(): ChangeAuthor {
    return {
      workspaceId: this.workspace.id,
      actorUserId: this.actor.userId,
      source: 'import',
      newId,
    };
  }
}
