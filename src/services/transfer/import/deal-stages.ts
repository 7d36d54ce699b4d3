import type { Insertable } from 'kysely';
import { findDefaultPipeline, listStages } from '../../../db/pipeline.repository.js';
import { insertLostReasons, listLostReasons } from '../../../db/reference.repository.js';
import type { LostReasonTable } from '../../../db/schema.js';
import type { DealStatus } from '../../../domain/deal.js';
import { DomainError } from '../../../domain/errors.js';
import { findWonStage, orderStages, type Stage } from '../../../domain/stage.js';
import type { ImportRow } from './import-columns.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { type ImportRun, RowRejected } from './import-run.js';

type StageMeaning = { stage: Stage } | { status: 'won' | 'lost' };

const STATUS_WORDS: Record<DealStatus, string[]> = {
  open: ['open', 'active', 'in progress', 'مفتوحة', 'مفتوح', 'جارية'],
  won: ['won', 'closed won', 'win', 'مكسوبة', 'مكسوب', 'فازت', 'ربح', 'رابحة'],
  lost: ['lost', 'closed lost', 'lose', 'خاسرة', 'خسرت', 'مفقودة', 'خسارة'],
};

const OTHER_REASON = { en: 'Other', ar: 'أخرى' } as const;

/**
 * The default pipeline's stages and the workspace's lost reasons, and how a file's stage,
 * status and lost-reason cells are read against them.
 */
export class DealStages {
  readonly #meanings = new Map<string, StageMeaning>();
  readonly #statuses = new Map<string, DealStatus>();
  readonly #reasons = new Map<string, string>();
  #otherReasonId: string | null = null;
  #pendingReasons: Insertable<LostReasonTable>[] = [];
  #nextReasonPosition = 1;

  private constructor(
    readonly pipelineId: string,
    readonly stages: Stage[],
    readonly wonStageId: string | null,
    /** Where a closed deal stands before closing when the file does not say. */
    readonly closedFromStage: Stage,
    readonly isClosedFromDeclared: boolean,
  ) {}

  static async load(run: ImportRun): Promise<DealStages> {
    const pipeline = await findDefaultPipeline(run.db, run.workspace.id);
    if (!pipeline) throw new DomainError('VALIDATION_FAILED', 'The workspace has no pipeline');
    const stages = orderStages(await listStages(run.db, run.workspace.id, pipeline.id));
    const openStages = stages.filter((s) => s.kind === 'open');
    const declared = run.options.closedFromStage;
    const closedFrom = declared
      ? openStages.find((s) => s.key === declared || headerKey(s.nameEn) === headerKey(declared))
      : openStages.at(-1);
    if (!closedFrom) {
      throw new DomainError('VALIDATION_FAILED', 'closedFromStage names no open stage', [
        {
          path: ['closedFromStage'],
          message: `Open stages: ${openStages.map((s) => s.key).join(', ')}`,
        },
      ]);
    }
    const result = new DealStages(
      pipeline.id,
      stages,
      findWonStage(stages)?.id ?? null,
      closedFrom,
      declared !== undefined,
    );
    for (const stage of stages) {
      const meaning: StageMeaning = stage.kind === 'won' ? { status: 'won' } : { stage };
      for (const name of [stage.key, stage.nameEn, stage.nameAr]) {
        result.#meanings.set(headerKey(name), meaning);
      }
    }
    for (const [status, words] of Object.entries(STATUS_WORDS) as [DealStatus, string[]][]) {
      for (const word of words) {
        result.#statuses.set(headerKey(word), status);
        if (status !== 'open') result.#meanings.set(headerKey(word), { status });
      }
    }
    const reasons = await listLostReasons(run.db, run.workspace.id, true);
    for (const reason of reasons) {
      for (const label of [reason.label_en, reason.label_ar]) {
        if (!result.#reasons.has(headerKey(label)))
          result.#reasons.set(headerKey(label), reason.id);
      }
      result.#nextReasonPosition = Math.max(result.#nextReasonPosition, reason.position + 1);
    }
    result.#otherReasonId = result.#reasons.get(headerKey(OTHER_REASON.en)) ?? null;
    return result;
  }

  /** The stage a deal stands in (or reached before closing) and its status. */
  resolve(run: ImportRun, row: ImportRow): { stage: Stage; status: DealStatus } {
    const statusText = row.get('status');
    let status: DealStatus | null = null;
    if (statusText !== null) {
      status = this.#statuses.get(headerKey(statusText)) ?? null;
      if (!status) {
        throw new RowRejected('status', `unknown status "${statusText}" (open, won or lost)`);
      }
    }
    const stageText = row.get('stage');
    if (stageText === null) {
      const first = this.stages.find((s) => s.kind === 'open');
      if (!first) throw new DomainError('VALIDATION_FAILED', 'The pipeline has no open stage');
      if (status === null || status === 'open') {
        run.report.warn(
          'no_stage',
          `Deals without a stage were put in ${first.nameEn}`,
          row.number,
        );
        return { stage: first, status: status ?? this.#statusFromDates(row) };
      }
      return { stage: this.#closedFrom(run, row), status };
    }
    const meaning = this.#meanings.get(headerKey(stageText));
    if (!meaning) {
      throw new RowRejected(
        'stage',
        `unknown stage "${stageText}" (stages: ${this.stages.map((s) => s.key).join(', ')}, ` +
          'won, lost): map it in "values": { "stage": { … } }',
      );
    }
    if ('stage' in meaning)
      return { stage: meaning.stage, status: status ?? this.#statusFromDates(row) };
    return { stage: this.#closedFrom(run, row), status: meaning.status };
  }

  #statusFromDates(row: ImportRow): DealStatus {
    if (row.get('wonAt') !== null) return 'won';
    if (row.get('lostAt') !== null) return 'lost';
    return 'open';
  }

  #closedFrom(run: ImportRun, row: ImportRow): Stage {
    if (!this.isClosedFromDeclared) {
      run.report.warn(
        'closed_stage_unknown',
        `The file does not say which stage won or lost deals reached; they were recorded at ` +
          `${this.closedFromStage.nameEn} (set "closedFromStage" in the mapping)`,
        row.number,
      );
    }
    return this.closedFromStage;
  }

  /** The lost reason a cell names; an unknown or empty one is "Other", the text kept as a note. */
  lostReason(run: ImportRun, row: ImportRow): { id: string; note: string | null } {
    const text = row.get('lostReason');
    const known = text === null ? undefined : this.#reasons.get(headerKey(text));
    if (known) return { id: known, note: null };
    if (text === null) {
      run.report.warn(
        'lost_without_reason',
        'Lost deals without a reason were given "Other"',
        row.number,
      );
    } else {
      run.report.warn(
        'lost_reason_other',
        'Lost reasons not in the workspace list were recorded as "Other" with the text as a note',
        row.number,
      );
    }
    return { id: this.#otherReason(run), note: text };
  }

  #otherReason(run: ImportRun): string {
    if (this.#otherReasonId) return this.#otherReasonId;
    const id = run.newId();
    this.#pendingReasons.push({
      id,
      workspace_id: run.workspace.id,
      label_en: OTHER_REASON.en,
      label_ar: OTHER_REASON.ar,
      position: this.#nextReasonPosition,
    });
    run.report.alsoCreated('lost reasons');
    this.#otherReasonId = id;
    return id;
  }

  async write(run: ImportRun): Promise<void> {
    const rows = this.#pendingReasons;
    this.#pendingReasons = [];
    if (rows.length > 0) await insertLostReasons(run.db, rows);
  }
}
