import { DomainError, type ErrorDetail } from './errors.js';
import type { ExitCriterion, ForecastCategory, Stage, StageKind } from './stage.js';

/** What a caller says about a new stage; everything but names, kind and probability defaults. */
export interface StageFields {
  key?: string | undefined;
  nameEn: string;
  nameAr: string;
  kind: StageKind;
  probability: number;
  forecastCategory?: ForecastCategory | undefined;
  rottingDays?: number | null | undefined;
  exitCriteria?: ExitCriterion[] | undefined;
  isFirstQualified?: boolean | undefined;
}

/**
 * The rule every pipeline keeps: among its active stages at least one is `open` (where deals
 * start) and at least one is `won` (where winning puts them). The missing kinds, if any.
 * @example missingStageKinds([{ kind: 'open', archived: false }]) → ['won']
 */
export function missingStageKinds(stages: Pick<Stage, 'kind' | 'archived'>[]): StageKind[] {
  const active = stages.filter((s) => !s.archived);
  const kinds: StageKind[] = ['open', 'won'];
  return kinds.filter((kind) => !active.some((s) => s.kind === kind));
}

/** Refuses a change to existing stages that would leave the pipeline without open or won ones. */
export function assertKeepsOpenAndWon(
  stages: Pick<Stage, 'kind' | 'archived'>[],
  path: string,
): void {
  const missing = missingStageKinds(stages);
  if (missing.length > 0) {
    const message = `A pipeline keeps at least one active ${missing.join(' and one ')} stage`;
    throw new DomainError('CONFLICT', message, [{ path: [path], message }]);
  }
}

/**
 * A stable machine key from the English name, unique within the pipeline.
 * @example stageKeyOf('Negotiation & closing', new Set()) === 'negotiation_closing'
 * @example stageKeyOf('Proposal', new Set(['proposal'])) === 'proposal_2'
 */
export function stageKeyOf(nameEn: string, taken: ReadonlySet<string>): string {
  const slug = nameEn
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
  const base = /^[a-z]/.test(slug) ? slug : `stage_${slug}`.replace(/_+$/, '');
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
  return key;
}

/** Field errors of a whole stage list given when creating a pipeline (paths under `stages`). */
export function stageListErrors(stages: StageFields[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const keys = new Set<string>();
  let firstQualifiedSeen = false;
  for (const [index, stage] of stages.entries()) {
    if (stage.key !== undefined) {
      if (keys.has(stage.key)) {
        details.push({
          path: ['stages', index, 'key'],
          message: 'Duplicate stage key',
          code: 'duplicate_stage_key',
        });
      }
      keys.add(stage.key);
    }
    if (stage.isFirstQualified) {
      if (firstQualifiedSeen) {
        details.push({
          path: ['stages', index, 'isFirstQualified'],
          message: 'At most one stage per pipeline is the first qualified stage',
          code: 'first_qualified_twice',
        });
      }
      firstQualifiedSeen = true;
    }
  }
  const missing = missingStageKinds(stages.map((s) => ({ kind: s.kind, archived: false })));
  if (missing.length > 0) {
    details.push({
      path: ['stages'],
      message: `A pipeline needs at least one ${missing.join(' and one ')} stage`,
    });
  }
  return details;
}
