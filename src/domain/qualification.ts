/**
 * BANT qualification: what the buyer needs, their budget, who decides, when — each an answer
 * (what the rep learned) with how sure the rep is of it — and the score made from them.
 */
export const BANT_PARTS = ['need', 'budget', 'authority', 'timing'] as const;
export type BantPart = (typeof BANT_PARTS)[number];

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export interface BantAnswer {
  value: string;
  confidence: Confidence;
}

export type Qualification = Record<BantPart, BantAnswer | null>;

export const NO_QUALIFICATION: Qualification = {
  need: null,
  budget: null,
  authority: null,
  timing: null,
};

/** How much an answer counts toward the score, by how sure the rep is of it. */
const WEIGHT: Record<Confidence, number> = { low: 1 / 3, medium: 2 / 3, high: 1 };

/** A score at least this high meets the `qualified` exit criterion. */
export const QUALIFIED_SCORE = 75;

/**
 * The qualification score, 0–100: each of the four parts is worth 25 points, counted in full
 * when the answer is sure (high), two thirds when fairly sure (medium), a third when a guess
 * (low), nothing when unknown. Rounded to a whole number once.
 * @example need high, budget medium, authority unknown, timing low → 25 + 16.7 + 0 + 8.3 = 50
 */
export function qualificationScore(q: Qualification): number {
  let sum = 0;
  for (const part of BANT_PARTS) {
    const answer = q[part];
    if (answer) sum += 25 * WEIGHT[answer.confidence];
  }
  return Math.round(sum);
}

/** A part is known when it has an answer the rep is at least fairly sure of (not a guess). */
export function isPartKnown(answer: BantAnswer | null): boolean {
  return answer !== null && answer.confidence !== 'low';
}

/** An answer as the field history writes it: `high: CFO signs off`; null when unknown. */
export function encodeAnswer(answer: BantAnswer | null): string | null {
  return answer === null ? null : `${answer.confidence}: ${answer.value}`;
}
