import type { DealStatus } from '../../../domain/deal.js';
import {
  encodeValue,
  type RecordedChange,
  type TrackedDealField,
} from '../../../domain/deal-field-history.js';
import {
  type ImportedDealPath,
  type ImportedDealState,
  planRecordedHistory,
  type RecordedStep,
  type SourceDealHistory,
} from '../../../domain/import/imported-history.js';
import type { Stage } from '../../../domain/stage.js';
import type { DealStages, PipelineStages } from './deal-stages.js';
import type { ImportRow } from './import-columns.js';
import { type ImportRun, RowRejected } from './import-run.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The deal's own probability, when the file gives one that is not its stage's: a probability
 * equal to the stage's is the stage's (no override); closed deals have none.
 */
export function probabilityOverride(
  row: ImportRow,
  stage: Stage,
  status: DealStatus,
): number | null {
  const text = row.get('probability');
  if (text === null || status !== 'open') return null;
  const value = Number(text.replace(/\s*%$/, ''));
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new RowRejected('probability', `not a probability in whole percent: "${text}"`);
  }
  return value === stage.probability ? null : value;
}

/** The deal's tracked values as its row leaves them: what its field history must arrive at. */
export interface FinalValues {
  currency: string;
  amount_minor: number | null;
  expected_close_date: string | null;
  probability_override: number | null;
}

const COLUMN_OF = {
  amount: 'amount_minor',
  expectedCloseDate: 'expected_close_date',
  probability: 'probability_override',
} as const satisfies Partial<Record<TrackedDealField, keyof FinalValues>>;

/**
 * A deal's stage history and field history from what another CRM recorded of it. Stage names
 * go through the mapping's stage values like the row's own; one the pipeline does not have
 * rejects the row (nothing is put in a stage it was not in). Each field's changes are read as
 * the row's cells are (amounts in the deal's currency, never rounded) and, when the export's
 * last value is not the deal's, a last change brings it there (counted in a warning).
 */
export function recordedPast(
  run: ImportRun,
  row: ImportRow,
  stages: DealStages,
  pipeline: PipelineStages,
  path: ImportedDealPath,
  recorded: SourceDealHistory,
  final: FinalValues,
): { state: ImportedDealState; fieldChanges: RecordedChange[] } {
  const steps: RecordedStep[] = [];
  let lastOpen: string | null = null;
  for (const { stage: name, at } of recorded.stages) {
    const mapped = row.mapValue('stage', name);
    const meaning = mapped === null ? null : stages.meaningOf(pipeline, mapped);
    if (!meaning) throw stages.unknownStage(pipeline, name, ' (in the deal’s history)');
    if ('stage' in meaning) {
      steps.push({ stageId: meaning.stage.id, at });
      lastOpen = meaning.stage.id;
    } else steps.push({ status: meaning.status, at });
  }
  const isClosed = path.status !== 'open';
  const reached = isClosed && lastOpen !== null ? lastOpen : path.reachedStageId;
  const { state, reconciled } = planRecordedHistory({
    ...path,
    reachedStageId: reached,
    steps,
    lastOpenStageId: lastOpen ?? path.reachedStageId,
    reconcileAt: run.now,
  });
  if (reconciled) {
    run.report.warn(
      'history_reconciled',
      'Deals whose recorded history did not end where the deal stands got a last step to its stage',
      row.number,
    );
  }
  return { state, fieldChanges: recordedFieldChanges(run, row, recorded, final, path.openedAt) };
}

function encoded(
  run: ImportRun,
  field: keyof typeof COLUMN_OF,
  text: string | null,
  currency: string,
): string | null {
  if (text === null || text.trim() === '') return null;
  if (field === 'amount') {
    return encodeValue(run.amountOfText(text, 'amount', currency));
  }
  if (field === 'expectedCloseDate') {
    const day = text.trim().slice(0, 10);
    if (!DAY.test(day)) {
      throw new RowRejected('closeDate', `not a date in the deal’s history: "${text}"`);
    }
    return day;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw new RowRejected('probability', `not a probability in the deal’s history: "${text}"`);
  }
  return encodeValue(value);
}

function recordedFieldChanges(
  run: ImportRun,
  row: ImportRow,
  recorded: SourceDealHistory,
  final: FinalValues,
  openedAt: number,
): RecordedChange[] {
  const changes: RecordedChange[] = [];
  const last = new Map<string, { to: string | null; at: number }>();
  for (const change of [...recorded.fields].sort((a, b) => a.at - b.at)) {
    const from = encoded(run, change.field, change.from, final.currency);
    const to = encoded(run, change.field, change.to, final.currency);
    if (from === to) continue;
    const at = Math.max(change.at, openedAt);
    changes.push({ field: change.field, from, to, at });
    last.set(change.field, { to, at });
  }
  for (const [field, { to, at }] of last) {
    const value = encodeValue(final[COLUMN_OF[field as keyof typeof COLUMN_OF]]);
    if (value === to) continue;
    changes.push({ field, from: to, to: value, at: Math.max(at, run.now) });
    run.report.warn(
      'field_history_reconciled',
      'Deals whose recorded amount, close date or probability did not end at the deal’s own got a last change to it',
      row.number,
    );
  }
  return changes;
}
