import { readFileSync } from 'node:fs';

export type Language = 'en' | 'ar';

const WORDS: Record<Language, Record<string, unknown>> = {
  en: JSON.parse(readFileSync(new URL('../web/src/i18n/en.json', import.meta.url), 'utf8')),
  ar: JSON.parse(readFileSync(new URL('../web/src/i18n/ar.json', import.meta.url), 'utf8')),
};

/**
 * The web app's words for `key` in `language`, with {{placeholders}} filled, looked up in its
 * own translation files, so a browser test speaks the language it tests.
 */
export function say(
  language: Language,
  key: string,
  values: Record<string, string | number> = {},
): string {
  let node: unknown = WORDS[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no words for ${key} in ${language}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}

/** The plural form of `key` for `count` that i18next picks in `language` (Intl's rules). */
export function sayCount(
  language: Language,
  key: string,
  count: number,
  values: Record<string, string | number> = {},
): string {
  const form = new Intl.PluralRules(language).select(count);
  return say(language, `${key}_${form}`, { count, ...values });
}
