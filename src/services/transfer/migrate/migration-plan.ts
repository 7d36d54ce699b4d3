import type { ImportKind } from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import type { SourceDealHistory } from '../../../domain/import/imported-history.js';
import type { ForecastCategory } from '../../../domain/stage.js';
import type { ImportSource } from '../import/source-row.js';

/** The CRMs whose export folders Qanat reads with their history. */
export const MIGRATION_SOURCES = ['salesforce', 'hubspot', 'pipedrive'] as const;
export type MigrationSource = (typeof MIGRATION_SOURCES)[number];

/** A stage of the other CRM's pipeline, in its order. */
export interface SourceStage {
  name: string;
  kind: 'open' | 'won';
  probability: number;
  forecastCategory: ForecastCategory;
}

/** A pipeline the migration makes (or finds, by name, from an earlier run). */
export interface SourcePipeline {
  name: string;
  stages: SourceStage[];
  /** Stage names that mean lost (Closed Lost …): a lost deal stays at the stage it was in. */
  lostNames: string[];
  /** Won stage names beyond the first: their deals are won into the first. */
  otherWonNames: string[];
}

/** One file, read as one kind of record, in the plan's order. */
export interface PlanEntry {
  kind: ImportKind;
  file: string;
  source: ImportSource;
  options: ImportOptions;
  dealHistories?: ReadonlyMap<string, SourceDealHistory> | undefined;
}

/** A contact's part in a deal (Salesforce's OpportunityContactRole, HubSpot's associations). */
export interface DealContactLink {
  dealId: string;
  contactId: string;
  role: string | null;
}

/** A line of a deal (Salesforce's OpportunityLineItem), by the other CRM's ids. */
export interface DealItemLink {
  dealId: string;
  productId: string;
  quantity: number;
  /** Plain decimal in the deal's currency; null: the product's list price. */
  unitPrice: string | null;
}

/** What the plan noticed while reading the folder, beside what each file's report says. */
export interface PlanNote {
  code: string;
  message: string;
  count: number;
}

/** A column that looks like a field the migration knows under another name. */
export interface LikelyMiss {
  file: string;
  column: string;
  field: string;
}

/** Everything one migration does, decided from the folder before anything is written. */
export interface MigrationPlan {
  source: MigrationSource;
  pipelines: SourcePipeline[];
  entries: PlanEntry[];
  dealContacts: DealContactLink[];
  dealItems: DealItemLink[];
  /** Files of the folder the migration does not read. */
  notRead: string[];
  /** Counted while the plan is made and while its files are read (rows left out). */
  notes: PlanNotes;
  likelyMisses: LikelyMiss[];
}

/** Counts notes by code as a plan is made. */
export class PlanNotes {
  readonly #notes = new Map<string, PlanNote>();

  add(code: string, message: string, count = 1): void {
    const note = this.#notes.get(code);
    if (note) note.count += count;
    else this.#notes.set(code, { code, message, count });
  }

  list(): PlanNote[] {
    return [...this.#notes.values()];
  }
}

/** What a plan needs to know of the workspace: how to read an instant written without a zone, and now. */
export interface PlanContext {
  timeZone: string;
  now: number;
}
