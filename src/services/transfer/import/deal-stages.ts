import type { Insertable } from 'kysely';
import { findDefaultPipeline, listPipelines, listStages } from '../../../db/pipeline.repository.js';
import { insertLostReasons, listLostReasons } from '../../../db/reference.repository.js';
import type { LostReasonTable } from '../../../db/schema.js';
import type { DealStatus } from '../../../domain/deal.js';
import { DomainError } from '../../../domain/errors.js';
import { findWonStage, orderStages, type Stage } from '../../../domain/stage.js';
import type { ImportRow } from './import-columns.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { nearestName } from '../../../domain/import/match-key.js';
import { type ImportRun, RowRejected } from './import-run.js';

type StageMeaning = { stage: Stage } | { status: 'won' | 'lost' };

const STATUS_WORDS: Record<DealStatus, string[]> = {
  open: ['open', 'active', 'in progress', 'مفتوحة', 'مفتوح', 'جارية'],
  won: ['won', 'closed won', 'win', 'مكسوبة', 'مكسوب', 'فازت', 'ربح', 'رابحة'],
  lost: ['lost', 'closed lost', 'lose', 'خاسرة', 'خسرت', 'مفقودة', 'خسارة'],
};

const OTHER_REASON = { en: 'Other', ar: 'أخرى' } as const;

/** One pipeline's stages and how a file's stage cells read against them. */
export interface PipelineStages {
  pipelineId: string;
  name: string;
  stages: Stage[];
  /** The stage a won deal moves into (the pipeline's first `won` stage). */
  wonStageId: string | null;
  /** Where a closed deal stands before closing when the file does not say. */
  closedFromStage: Stage;
  meanings: Map<string, StageMeaning>;
}

/** Where a row's deal stands: its pipeline, the stage it is in (or reached) and its status. */
export interface ResolvedStage {
  pipeline: PipelineStages;
  stage: Stage;
  status: DealStatus;
}

async function loadPipelineStages(
  run: ImportRun,
  pipeline: { id: string; name_en: string },
  /** The file's own pipeline: a closedFromStage it does not have is an error there. */
  isMain: boolean,
): Promise<PipelineStages> {
  const stages = orderStages(await listStages(run.db, run.workspace.id, pipeline.id));
  const openStages = stages.filter((s) => s.kind === 'open');
  const declared = run.options.closedFromStage;
  const named = declared
    ? openStages.find((s) => s.key === declared || headerKey(s.nameEn) === headerKey(declared))
    : undefined;
  // closedFromStage names a stage of the main pipeline; the others close from their last.
  const closedFrom = named ?? (declared && isMain ? undefined : openStages.at(-1));
  if (!closedFrom) {
    throw new DomainError('VALIDATION_FAILED', 'closedFromStage names no open stage', [
      {
        path: ['closedFromStage'],
        message: `Open stages of ${pipeline.name_en}: ${openStages.map((s) => s.key).join(', ')}`,
      },
    ]);
  }
  const meanings = new Map<string, StageMeaning>();
  for (const stage of stages) {
    const meaning: StageMeaning = stage.kind === 'won' ? { status: 'won' } : { stage };
    for (const name of [stage.key, stage.nameEn, stage.nameAr]) {
      meanings.set(headerKey(name), meaning);
    }
  }
  for (const [status, words] of Object.entries(STATUS_WORDS) as [DealStatus, string[]][]) {
    if (status === 'open') continue;
    for (const word of words) {
      if (!meanings.has(headerKey(word))) meanings.set(headerKey(word), { status });
    }
  }
  return {
    pipelineId: pipeline.id,
    name: pipeline.name_en,
    stages,
    wonStageId: findWonStage(stages)?.id ?? null,
    closedFromStage: closedFrom,
    meanings,
  };
}

/**
 * The workspace's pipelines with their stages, and its lost reasons, and how a file's
 * pipeline, stage, status and lost-reason cells are read against them. A row without a
 * pipeline goes to the mapping's `pipeline`, else the default one.
 */
export class DealStages {
  readonly #statuses = new Map<string, DealStatus>();
  readonly #reasons = new Map<string, string>();
  readonly #pipelines = new Map<string, { id: string; name_en: string }>();
  readonly #loaded = new Map<string, PipelineStages>();
  #otherReasonId: string | null = null;
  #pendingReasons: Insertable<LostReasonTable>[] = [];
  #nextReasonPosition = 1;

  private constructor(
    readonly defaultPipeline: PipelineStages,
    readonly isClosedFromDeclared: boolean,
  ) {}

  static async load(run: ImportRun): Promise<DealStages> {
    const pipelines = (await listPipelines(run.db, run.workspace.id)).filter(
      (p) => p.archived_at === null,
    );
    const declared = run.options.pipeline;
    const fallback = declared
      ? pipelines.find((p) =>
          [p.id, p.name_en, p.name_ar].some((n) => headerKey(n) === headerKey(declared)),
        )
      : await findDefaultPipeline(run.db, run.workspace.id);
    if (!fallback) {
      throw new DomainError(
        'VALIDATION_FAILED',
        declared ? `No pipeline is named "${declared}"` : 'The workspace has no pipeline',
        [
          {
            path: ['pipeline'],
            message: `Pipelines: ${pipelines.map((p) => p.name_en).join(', ')}`,
          },
        ],
      );
    }
    const result = new DealStages(
      await loadPipelineStages(run, fallback, true),
      run.options.closedFromStage !== undefined,
    );
    result.#loaded.set(fallback.id, result.defaultPipeline);
    // Workspaces have a handful of pipelines: all are loaded, as row checks are synchronous.
    for (const pipeline of pipelines) {
      if (!result.#loaded.has(pipeline.id)) {
        result.#loaded.set(pipeline.id, await loadPipelineStages(run, pipeline, false));
      }
      for (const name of [pipeline.name_en, pipeline.name_ar]) {
        if (!result.#pipelines.has(headerKey(name)))
          result.#pipelines.set(headerKey(name), pipeline);
      }
    }
    for (const [status, words] of Object.entries(STATUS_WORDS) as [DealStatus, string[]][]) {
      for (const word of words) result.#statuses.set(headerKey(word), status);
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

  /** The pipeline a row's deal belongs to. */
  pipelineOf(row: ImportRow): PipelineStages {
    const text = row.get('pipeline');
    if (text === null) return this.defaultPipeline;
    const pipeline = this.#pipelines.get(headerKey(text));
    const loaded = pipeline ? this.#loaded.get(pipeline.id) : undefined;
    if (!loaded) {
      const near = nearestName(
        text,
        [...this.#pipelines.values()].map((p) => p.name_en),
      );
      throw new RowRejected(
        'pipeline',
        `unknown pipeline "${text}"${near ? ` (did you mean "${near}"?)` : ''}: create it first ` +
          'or map the value in "values": { "pipeline": { … } }',
      );
    }
    return loaded;
  }

  /** What a stage name means in a pipeline: one of its open stages, or won or lost; null if unknown. */
  meaningOf(pipeline: PipelineStages, name: string): StageMeaning | null {
    return pipeline.meanings.get(headerKey(name)) ?? null;
  }

  /** The rejection of a stage name a pipeline does not have, with the nearest one. */
  unknownStage(pipeline: PipelineStages, text: string, where = ''): RowRejected {
    const names = pipeline.stages.map((s) => s.nameEn);
    const near = nearestName(text, names);
    return new RowRejected(
      'stage',
      `unknown stage "${text}"${where} in ${pipeline.name}${near ? ` (did you mean "${near}"?)` : ''} ` +
        `(stages: ${names.join(', ')}, won, lost): map it in "values": { "stage": { … } }`,
    );
  }

  /** The stage a deal stands in (or reached before closing), its status and its pipeline. */
  resolve(run: ImportRun, row: ImportRow, isPathRecorded = false): ResolvedStage {
    const pipeline = this.pipelineOf(row);
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
      const first = pipeline.stages.find((s) => s.kind === 'open');
      if (!first) throw new DomainError('VALIDATION_FAILED', 'The pipeline has no open stage');
      if (status === null || status === 'open') {
        run.report.warn(
          'no_stage',
          `Deals without a stage were put in ${first.nameEn}`,
          row.number,
        );
        return { pipeline, stage: first, status: status ?? this.#statusFromDates(row) };
      }
      return { pipeline, stage: this.closedFrom(run, row, pipeline, isPathRecorded), status };
    }
    const meaning = this.meaningOf(pipeline, stageText);
    if (!meaning) throw this.unknownStage(pipeline, stageText);
    if ('stage' in meaning)
      return { pipeline, stage: meaning.stage, status: status ?? this.#statusFromDates(row) };
    return {
      pipeline,
      stage: this.closedFrom(run, row, pipeline, isPathRecorded),
      status: meaning.status,
    };
  }

  #statusFromDates(row: ImportRow): DealStatus {
    if (row.get('wonAt') !== null) return 'won';
    if (row.get('lostAt') !== null) return 'lost';
    return 'open';
  }

  /** Where a closed deal stood before closing; a deal whose path is recorded says it itself. */
  closedFrom(
    run: ImportRun,
    row: ImportRow,
    pipeline: PipelineStages,
    isPathRecorded: boolean,
  ): Stage {
    if (!this.isClosedFromDeclared && !isPathRecorded) {
      run.report.warn(
        'closed_stage_unknown',
        `The file does not say which stage won or lost deals reached; they were recorded at ` +
          `the last open stage of their pipeline (set "closedFromStage" in the mapping)`,
        row.number,
      );
    }
    return pipeline.closedFromStage;
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
