/**
 * Folds text for search so that people find what they mean, in Arabic and in English:
 * Arabic diacritics (tashkeel, Quranic marks) and tatweel are dropped, alef forms (أ إ آ ٱ) become ا,
 * ة becomes ه, ى becomes ي, ؤ becomes و, ئ becomes ي; Latin letters lose accents and case.
 * @example normalizeSearchText('مُؤَسَّسَة الأمَل') === 'موسسه الامل'
 * @example normalizeSearchText('Société Générale') === 'societe generale'
 */
export function normalizeSearchText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, '')
      .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
      .replace(/\u0629/g, '\u0647')
      .replace(/\u0649/g, '\u064A')
      .replace(/\u0624/g, '\u0648')
      .replace(/\u0626/g, '\u064A')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      // Dropping tatweel can leave the marks it separated out of canonical order: normalise once
      // more, so that folding twice gives the same text.
      .normalize('NFKD')
  );
}

/** Builds the folded search column from several fields of a record. */
export function buildSearchText(...parts: (string | null | undefined)[]): string {
  return normalizeSearchText(parts.filter((p): p is string => Boolean(p)).join(' '));
}
