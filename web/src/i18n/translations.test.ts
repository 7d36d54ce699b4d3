import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const english = flatten(en);
const arabic = flatten(ar);
const baseKeys = (keys: Map<string, string>) =>
  new Set([...keys.keys()].map((k) => k.replace(PLURAL, '')));

describe('translations', () => {
  it('has every key in both English and Arabic', () => {
    const missingInArabic = [...baseKeys(english)].filter((k) => !baseKeys(arabic).has(k));
    const missingInEnglish = [...baseKeys(arabic)].filter((k) => !baseKeys(english).has(k));
    expect(missingInArabic).toEqual([]);
    expect(missingInEnglish).toEqual([]);
  });

  it('gives Arabic plurals every form Arabic grammar needs', () => {
    const plurals = [...english.keys()]
      .filter((k) => k.endsWith('_other'))
      .map((k) => k.replace(PLURAL, ''));
    for (const key of plurals) {
      for (const form of ['zero', 'one', 'two', 'few', 'many', 'other']) {
        expect(arabic.has(`${key}_${form}`), `${key}_${form}`).toBe(true);
      }
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    for (const [key, text] of english) {
      const base = key.replace(PLURAL, '');
      const arabicText = arabic.get(key) ?? arabic.get(`${base}_other`) ?? '';
      expect(placeholders(arabicText), key).toEqual(
        placeholders(text).filter((p) => p !== 'count' || arabicText.includes('{{count}}')),
      );
    }
  });

  it('has a translation for every key the web app uses', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(40);
    for (const key of used) {
      expect(baseKeys(english).has(key), `en: ${key}`).toBe(true);
      expect(baseKeys(arabic).has(key), `ar: ${key}`).toBe(true);
    }
  });
});
