import { normalizeSearchText } from '../search-text.js';

/** Words that name a legal form, not the company: "Acme Ltd" and "ACME" are the same company. */
const LEGAL_FORMS = new Set([
  'ltd',
  'limited',
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'sa',
  'sarl',
  'srl',
  'bv',
  'nv',
  'pty',
  'pvt',
  'oy',
  'ab',
  'wll',
  'spc',
  'fzco',
  'fze',
  'fzc',
  'est',
  'شركه',
  'شركة',
  'مؤسسه',
  'ذمم',
  'مساهمه',
  'محدوده',
]);

function words(text: string): string[] {
  return normalizeSearchText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/**
 * The key two company names are the same company by: folded (Arabic and Latin), punctuation
 * as one space, without legal forms. A name that is only a legal form keeps its words. Names
 * that differ in spacing ("GTXPro", "GTX Pro") are not the same key: they are near-duplicates,
 * reported, never merged silently (see NearKeyIndex).
 * @example companyMatchKey('Acme, Inc.') === companyMatchKey('ACME') // 'acme'
 * @example companyMatchKey('شركة الأمل') === companyMatchKey('الامل') // 'الامل'
 */
export function companyMatchKey(name: string): string {
  const all = words(name);
  const kept = all.filter((w) => !LEGAL_FORMS.has(w));
  return (kept.length > 0 ? kept : all).join(' ');
}

/**
 * The key two names of a thing are exactly the same by: folded, punctuation as one space.
 * @example nameMatchKey('GTX  Pro') === 'gtx pro'; nameMatchKey('GTXPro') === 'gtxpro'
 */
export function nameMatchKey(name: string): string {
  return words(name).join(' ');
}

/**
 * Levenshtein distance when it is at most `max`, else `max + 1` (stops early: cheap on long
 * names that are far apart).
 * @example editDistanceAtMost('technolgy', 'technology', 2) === 1
 */
export function editDistanceAtMost(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return Math.min(previous[b.length] ?? max + 1, max + 1);
}

/** Keys shorter than this are too short for a one-letter difference to mean a typo. */
const MIN_NEAR_LENGTH = 5;

/**
 * Finds keys one edit apart (or equal once spaces are removed) without comparing every pair:
 * each key is indexed under itself and its one-letter deletions (the "symmetric delete" idea),
 * so two keys within one edit share an entry.
 */
export class NearKeyIndex<T> {
  readonly #entries = new Map<string, { key: string; value: T }[]>();

  add(key: string, value: T): void {
    for (const variant of variantsOf(key)) {
      const list = this.#entries.get(variant) ?? [];
      if (!list.some((e) => e.key === key)) list.push({ key, value });
      this.#entries.set(variant, list);
    }
  }

  /** Indexed values whose key is near `key` but not equal to it. */
  near(key: string): { key: string; value: T }[] {
    if (key.replace(/ /g, '').length < MIN_NEAR_LENGTH) return [];
    const found = new Map<string, { key: string; value: T }>();
    for (const variant of variantsOf(key)) {
      for (const entry of this.#entries.get(variant) ?? []) {
        if (entry.key === key || found.has(entry.key)) continue;
        const compactA = entry.key.replace(/ /g, '');
        const compactB = key.replace(/ /g, '');
        if (compactA === compactB || editDistanceAtMost(entry.key, key, 1) <= 1) {
          found.set(entry.key, entry);
        }
      }
    }
    return [...found.values()];
  }
}

function variantsOf(key: string): Set<string> {
  const compact = key.replace(/ /g, '');
  const variants = new Set([key, compact]);
  for (let i = 0; i < compact.length; i += 1) {
    variants.add(compact.slice(0, i) + compact.slice(i + 1));
  }
  // A key with spaces also meets its one-deletion neighbours through its compact form.
  for (let i = 0; i < key.length; i += 1) variants.add(key.slice(0, i) + key.slice(i + 1));
  return variants;
}

/**
 * The candidate closest to `text` once both are folded (case, accents, Arabic letter forms), if
 * it is near enough to be a likely slip: within a quarter of the length in edits (at least 2).
 * For "did you mean" in rejections; never used to place a value.
 * @example nearestName('Negotation/Review', ['Negotiation/Review', 'Prospecting']) === 'Negotiation/Review'
 */
export function nearestName(text: string, candidates: Iterable<string>): string | null {
  const key = nameMatchKey(text);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = nameMatchKey(candidate);
    const max = Math.max(2, Math.floor(Math.max(key.length, other.length) / 4));
    const distance = editDistanceAtMost(key, other, max);
    if (distance <= max && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
