import { DomainError } from './errors.js';
import { divideRounded } from './money.js';
import { BASIS_POINTS } from './probability.js';

/** Whose revenue a target is about: the whole workspace, a team, or one owner. */
export type TargetScope =
  | { kind: 'workspace' }
  | { kind: 'team'; teamId: string }
  | { kind: 'owner'; userId: string };

/**
 * Reads a scope key: `workspace`, `team:<id>` or `owner:<user id>`.
 * @example parseTargetScope('team:0195…') → { kind: 'team', teamId: '0195…' }
 */
export function parseTargetScope(text: string): TargetScope {
  const trimmed = text.trim();
  if (trimmed === 'workspace') return { kind: 'workspace' };
  const match = /^(team|owner):(\S{1,64})$/.exec(trimmed);
  if (match?.[1] === 'team' && match[2]) return { kind: 'team', teamId: match[2] };
  if (match?.[1] === 'owner' && match[2]) return { kind: 'owner', userId: match[2] };
  throw new DomainError('VALIDATION_FAILED', `Not a target scope: ${text}`, [
    {
      path: ['scope'],
      message: 'Use workspace, team:<team id> or owner:<user id>',
      code: 'invalid_target_scope',
    },
  ]);
}

/** The stored form of a scope (one text column, so uniqueness holds on both databases). */
export function scopeKeyOf(scope: TargetScope): string {
  switch (scope.kind) {
    case 'workspace':
      return 'workspace';
    case 'team':
      return `team:${scope.teamId}`;
    case 'owner':
      return `owner:${scope.userId}`;
  }
}

/**
 * How many more deals must enter a stage to close the gap:
 * ⌈ remaining / average won deal size / P(won | stage) ⌉, computed exactly as
 * ⌈ remaining × wonCount × 10 000 / (wonTotal × P in basis points) ⌉.
 * Null when it cannot be known: no won deal to average, or a stage that never wins.
 * @example remaining 600,000.00, 10 won deals worth 250,000.00 (average 25,000.00), P 60 %:
 *   600,000 / 25,000 / 0.6 = 40 → 40
 * @example the same at P 90 %: 24 / 0.9 = 26.67 → 27
 * @example nothing remaining → 0
 */
export function opportunitiesNeeded(
  remainingMinor: number,
  wonTotalMinor: number,
  wonCount: number,
  probabilityBasisPoints: number,
): number | null {
  if (remainingMinor <= 0) return 0;
  if (wonTotalMinor <= 0 || wonCount <= 0 || probabilityBasisPoints <= 0) return null;
  const numerator = BigInt(remainingMinor) * BigInt(wonCount) * BigInt(BASIS_POINTS);
  const denominator = BigInt(wonTotalMinor) * BigInt(probabilityBasisPoints);
  return Number((numerator + denominator - 1n) / denominator);
}

export interface TargetProgressInput {
  targetMinor: number;
  wonSoFarMinor: number;
  /** Open deals expected to close in the target's period, weighted and not. */
  openWeightedMinor: number;
  openUnweightedMinor: number;
  /** Won deals of the trailing window, for the average deal size. */
  recentWon: { totalMinor: number; count: number };
  stages: readonly { stageId: string; probabilityBasisPoints: number }[];
}

export interface TargetProgress {
  remainingMinor: number;
  /** Share of the target won so far (may exceed 1); null for a zero target. */
  attainment: number | null;
  /** Open pipeline closing in the period ÷ remaining; null when nothing remains. */
  coverage: { weighted: number; unweighted: number } | null;
  averageWonDealMinor: number | null;
  opportunitiesNeeded: { stageId: string; needed: number | null }[];
}

/**
 * Where a target stands: the gap, the pipeline that could fill it, and how many deals must enter
 * each stage to fill the rest.
 * @example target 1,000,000.00; won 400,000.00; open closing in the period 900,000.00 (weighted
 *   450,000.00); 10 recent wins worth 250,000.00 → remaining 600,000.00, attainment 0.4,
 *   coverage 0.75 weighted / 1.5 unweighted, average 25,000.00, Proposal (60 %) needs 40
 */
export function computeTargetProgress(input: TargetProgressInput): TargetProgress {
  const remaining = Math.max(0, input.targetMinor - input.wonSoFarMinor);
  const { totalMinor, count } = input.recentWon;
  return {
    remainingMinor: remaining,
    attainment: input.targetMinor === 0 ? null : input.wonSoFarMinor / input.targetMinor,
    coverage:
      remaining === 0
        ? null
        : {
            weighted: input.openWeightedMinor / remaining,
            unweighted: input.openUnweightedMinor / remaining,
          },
    averageWonDealMinor:
      count === 0 ? null : Number(divideRounded(BigInt(totalMinor), BigInt(count))),
    opportunitiesNeeded: input.stages.map((stage) => ({
      stageId: stage.stageId,
      needed: opportunitiesNeeded(remaining, totalMinor, count, stage.probabilityBasisPoints),
    })),
  };
}
