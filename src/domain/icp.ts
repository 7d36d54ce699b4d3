/**
 * The ideal customer profile (see docs/qualify.md): the company attributes a workspace sells best
 * to, as weighted criteria, and how far a company (and so its deals) fits them, with the reasons.
 * Qanat also suggests a profile from the workspace's own closed deals — only the attribute values
 * whose win rate differs from the rest by more than chance allows, with the sample sizes shown.
 */
import { DomainError } from './errors.js';

/** A company column, or `custom.<key>` for a company custom field. */
export type IcpAttribute = string;

export const ICP_COLUMNS = ['sector', 'size', 'country'] as const;
export const CUSTOM_PREFIX = 'custom.';
export const MAX_WEIGHT = 5;
export const MAX_CRITERIA = 20;

export interface IcpCriterion {
  attribute: IcpAttribute;
  /** Any of these values matches (compared without case or surrounding spaces). */
  values: string[];
  /** 1 (nice to have) … 5 (must have). */
  weight: number;
}

/** A company's values per attribute (a multi-select holds several; none: unknown). */
export type IcpAttributes = ReadonlyMap<IcpAttribute, readonly string[]>;

export type IcpOutcome = 'match' | 'miss' | 'unknown';

export interface IcpReason extends IcpCriterion {
  actual: string[];
  outcome: IcpOutcome;
}

export interface IcpFit {
  /** 0–100: the weight of the criteria met over the weight of all; null with no profile. */
  percent: number | null;
  reasons: IcpReason[];
}

function invalid(code: string, message: string, path: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [
    { path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message, code },
  ]);
}

const norm = (value: string) => value.trim().toLocaleLowerCase('en');

/**
 * How far a company fits the profile. An unknown attribute counts as not met (a fit is never
 * claimed from missing data), and its reason says it is unknown rather than a miss.
 * @example icpFit([{ attribute: 'sector', values: ['Medical'], weight: 2 }],
 *   new Map([['sector', ['medical']]])).percent === 100
 */
export function icpFit(criteria: readonly IcpCriterion[], attributes: IcpAttributes): IcpFit {
  if (criteria.length === 0) return { percent: null, reasons: [] };
  let met = 0;
  let total = 0;
  const reasons = criteria.map((criterion): IcpReason => {
    const actual = [...(attributes.get(criterion.attribute) ?? [])].filter((v) => v.trim() !== '');
    const wanted = new Set(criterion.values.map(norm));
    const outcome: IcpOutcome =
      actual.length === 0 ? 'unknown' : actual.some((v) => wanted.has(norm(v))) ? 'match' : 'miss';
    total += criterion.weight;
    if (outcome === 'match') met += criterion.weight;
    return { ...criterion, values: [...criterion.values], actual, outcome };
  });
  return { percent: Math.round((100 * met) / total), reasons };
}

/** Checks a profile's shape against the attributes that exist; throws naming the field path. */
export function validateIcp(
  criteria: readonly IcpCriterion[],
  known: ReadonlySet<IcpAttribute>,
): IcpCriterion[] {
  if (criteria.length > MAX_CRITERIA) {
    throw invalid('icp_too_many', `At most ${MAX_CRITERIA} criteria`, 'criteria');
  }
  const seen = new Set<string>();
  return criteria.map((c, index) => {
    const at = `criteria.${index}`;
    if (!known.has(c.attribute)) {
      throw invalid(
        'icp_attribute_unknown',
        `Unknown company attribute "${c.attribute}"`,
        `${at}.attribute`,
      );
    }
    if (seen.has(c.attribute)) {
      throw invalid('icp_attribute_twice', `"${c.attribute}" appears twice`, `${at}.attribute`);
    }
    seen.add(c.attribute);
    const values = [...new Set(c.values.map((v) => v.trim()).filter((v) => v !== ''))];
    if (values.length === 0) {
      throw invalid('icp_values_empty', 'Give at least one value', `${at}.values`);
    }
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > MAX_WEIGHT) {
      throw invalid('icp_weight', `Weight is a whole number 1–${MAX_WEIGHT}`, `${at}.weight`);
    }
    return { attribute: c.attribute, values, weight: c.weight };
  });
}

export interface ClosedOutcome {
  won: boolean;
  attributes: IcpAttributes;
}

export interface ValueEvidence {
  value: string;
  deals: number;
  won: number;
  winRate: number;
  /** The win rate of the closed deals without this value, for comparison. */
  restWinRate: number;
  /** Two-sided p-value of the two-proportion z-test, value against the rest. */
  pValue: number;
  /** Enough deals on both sides and p below the guard's threshold (corrected for the tests run). */
  significant: boolean;
}

export interface AttributeEvidence {
  attribute: IcpAttribute;
  values: ValueEvidence[];
}

export interface IcpSuggestion {
  closedDeals: number;
  baseWinRate: number | null;
  minDeals: number;
  /** The p-value a value must beat: alpha over the number of values tested (Bonferroni). */
  threshold: number;
  attributes: AttributeEvidence[];
  /** Values that win significantly more than the rest, weighted by how much more. */
  suggested: IcpCriterion[];
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Two-sided p-value that two win rates differ, pooled two-proportion z-test. */
export function twoProportionP(wonA: number, nA: number, wonB: number, nB: number): number {
  if (nA === 0 || nB === 0) return 1;
  const pooled = (wonA + wonB) / (nA + nB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  if (se === 0) return 1;
  const z = (wonA / nA - wonB / nB) / se;
  return 2 * (1 - normalCdf(Math.abs(z)));
}

/**
 * Which attribute values win more than the rest, from closed deals. A value needs `minDeals`
 * closed deals with it and as many without it, and a p-value under `alpha` divided by the number
 * of values tested, so that among many small differences chance alone is not suggested.
 */
export function suggestIcp(
  closed: readonly ClosedOutcome[],
  attributes: readonly IcpAttribute[],
  options: { minDeals?: number; alpha?: number } = {},
): IcpSuggestion {
  const minDeals = options.minDeals ?? 20;
  const alpha = options.alpha ?? 0.05;
  const total = closed.length;
  const wonTotal = closed.filter((d) => d.won).length;
  const tallies = attributes.map((attribute) => {
    const byValue = new Map<string, { value: string; deals: number; won: number }>();
    for (const deal of closed) {
      const seen = new Set<string>();
      for (const raw of deal.attributes.get(attribute) ?? []) {
        const key = norm(raw);
        if (key === '' || seen.has(key)) continue;
        seen.add(key);
        const tally = byValue.get(key) ?? { value: raw.trim(), deals: 0, won: 0 };
        tally.deals += 1;
        if (deal.won) tally.won += 1;
        byValue.set(key, tally);
      }
    }
    return { attribute, tallies: [...byValue.values()] };
  });
  const tested = tallies
    .flatMap((a) => a.tallies)
    .filter((t) => t.deals >= minDeals && total - t.deals >= minDeals).length;
  const threshold = alpha / Math.max(1, tested);
  const evidence: AttributeEvidence[] = tallies.map(({ attribute, tallies: values }) => ({
    attribute,
    values: values
      .map((t): ValueEvidence => {
        const restDeals = total - t.deals;
        const restWon = wonTotal - t.won;
        const pValue = twoProportionP(t.won, t.deals, restWon, restDeals);
        return {
          value: t.value,
          deals: t.deals,
          won: t.won,
          winRate: t.won / t.deals,
          restWinRate: restDeals === 0 ? 0 : restWon / restDeals,
          pValue,
          significant: t.deals >= minDeals && restDeals >= minDeals && pValue < threshold,
        };
      })
      .sort((a, b) => b.deals - a.deals || a.value.localeCompare(b.value)),
  }));
  const suggested = evidence.flatMap((a): IcpCriterion[] => {
    const better = a.values.filter((v) => v.significant && v.winRate > v.restWinRate);
    if (better.length === 0) return [];
    const lift = Math.max(...better.map((v) => v.winRate / Math.max(v.restWinRate, 0.01)));
    const weight = Math.min(MAX_WEIGHT, Math.max(1, Math.round(lift)));
    return [{ attribute: a.attribute, values: better.map((v) => v.value), weight }];
  });
  return {
    closedDeals: total,
    baseWinRate: total === 0 ? null : wonTotal / total,
    minDeals,
    threshold,
    attributes: evidence,
    suggested,
  };
}
