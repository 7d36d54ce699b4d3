/**
 * How "search everywhere" orders what it finds. Every hit gets a rank, best first:
 * 0 — its folded name (a deal's title, an activity's subject) is the term, or a phone is the number;
 * 1 — its name starts with the term, or a phone starts with the number;
 * 2 — a word of its name starts with the term;
 * 3 — the term is anywhere else: inside a word of the name, or in another field (a deal's source,
 *     a company's domain, a contact's job title or email, an activity's note); or the number is
 *     anywhere in a phone.
 * Texts and terms here are already folded (normalizeSearchText).
 */
import { normalizePhone } from './contact-channel.js';
import { normalizeSearchText } from './search-text.js';

export const SEARCH_KINDS = ['deal', 'company', 'contact', 'activity'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_RANKS = { exact: 0, prefix: 1, word: 2, anywhere: 3 } as const;
export type SearchRank = (typeof SEARCH_RANKS)[keyof typeof SEARCH_RANKS];

/** A number is looked for in phones when it has at least this many digits. */
const MIN_PHONE_DIGITS = 3;
/** A national number without its leading 0 is matched inside international ones from this length. */
const MIN_NATIONAL_DIGITS = 7;
/** What may surround the digits of a phone number as people type it. */
const PHONE_CHARACTERS = /^[\s+\-().\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\d٠-٩۰-۹]+$/;

/**
 * The rank of a record whose folded name is `name` and folded searched text `text` (the name and
 * its other fields), or null when the term is in neither.
 * @example textRank('احمد للتجاره', 'احمد للتجاره', 'احمد') === 1
 * @example textRank('riyadh bank', 'riyadh bank riyadbank.com', 'bank') === 2
 * @example textRank('port cranes', 'port cranes nile-expo', 'nile') === 3
 * @example textRank('nile', 'nile', 'ahmad') === null
 */
export function textRank(name: string, text: string, term: string): SearchRank | null {
  if (term === '') return null;
  if (name === term) return SEARCH_RANKS.exact;
  if (name.startsWith(term)) return SEARCH_RANKS.prefix;
  if (` ${name}`.includes(` ${term}`)) return SEARCH_RANKS.word;
  return name.includes(term) || text.includes(term) ? SEARCH_RANKS.anywhere : null;
}

/**
 * The digits to look for in phone numbers when the query is a phone number typed in any script
 * (Arabic-Indic ٠-٩ and ۰-۹ included, with spaces, dashes, brackets and a leading +): the number
 * as ASCII digits and, for a national number with a leading 0, the same without it, as it appears
 * after a country code. Null when the query is not a phone number.
 * @example phoneQuery('٠٥٠ ١٢٣ ٤٥٦٧') // ['0501234567', '501234567']
 * @example phoneQuery('+966 50') // ['96650']
 * @example phoneQuery('Ahmad 50') === null
 */
export function phoneQuery(query: string): string[] | null {
  if (!PHONE_CHARACTERS.test(query)) return null;
  const digits = normalizePhone(query).replace('+', '');
  if (digits.length < MIN_PHONE_DIGITS) return null;
  const national = digits.replace(/^0+/, '');
  return national !== digits && national.length >= MIN_NATIONAL_DIGITS
    ? [digits, national]
    : [digits];
}

/**
 * The rank of a stored phone number (normalised: + and ASCII digits) for the digits phoneQuery
 * gave, or null when it does not hold them. The same national number as an international one
 * ranks as exact.
 * @example phoneRank('+966501234567', ['0501234567', '501234567']) === 0
 * @example phoneRank('+966501234567', ['96650']) === 1
 * @example phoneRank('+966501234567', ['1234']) === 3
 */
export function phoneRank(stored: string, digits: readonly string[]): SearchRank | null {
  const number = stored.replace('+', '');
  const [whole, national] = digits;
  if (whole === undefined) return null;
  if (number === whole || (national !== undefined && number.endsWith(national))) {
    return SEARCH_RANKS.exact;
  }
  if (number.startsWith(whole)) return SEARCH_RANKS.prefix;
  return digits.some((d) => number.includes(d)) ? SEARCH_RANKS.anywhere : null;
}

export interface RankedHit {
  kind: SearchKind;
  id: string;
  title: string;
  rank: SearchRank;
}

/**
 * Hits best first: by rank, then the shorter name (closer to what was typed), then the name in
 * folded alphabetical order, then deals, companies, contacts, activities, then id.
 * @example compareHits({ kind: 'deal', id: 'a', title: 'Nile', rank: 1 }, { kind: 'company', id: 'b', title: 'Nile', rank: 0 }) > 0
 */
export function compareHits(a: RankedHit, b: RankedHit): number {
  const foldedA = normalizeSearchText(a.title);
  const foldedB = normalizeSearchText(b.title);
  return (
    a.rank - b.rank ||
    foldedA.length - foldedB.length ||
    (foldedA < foldedB ? -1 : foldedA > foldedB ? 1 : 0) ||
    SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
