import { editDistanceAtMost, nameMatchKey } from './match-key.js';

/** Head-count bands, as the company form offers them. */
const SIZE_BANDS: readonly [number, string][] = [
  [10, '1-10'],
  [50, '11-50'],
  [200, '51-200'],
  [1000, '201-1000'],
];

/**
 * A head count as a size band.
 * @example sizeBandOf(2822) === '1000+'; sizeBandOf(9) === '1-10'
 */
export function sizeBandOf(employees: number): string {
  for (const [max, band] of SIZE_BANDS) if (employees <= max) return band;
  return '1000+';
}

/** Names people write that the runtime's region names do not cover. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  usa: 'US',
  'u s a': 'US',
  us: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  uae: 'AE',
  emirates: 'AE',
  ksa: 'SA',
  korea: 'KR',
  'republic of korea': 'KR',
  russia: 'RU',
  الامارات: 'AE',
  السعوديه: 'SA',
  'المملكه العربيه السعوديه': 'SA',
  امريكا: 'US',
  'الولايات المتحده': 'US',
};

let countryNames: Map<string, string> | undefined;

function loadCountryNames(): Map<string, string> {
  const names = new Map<string, string>();
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const arabic = new Intl.DisplayNames(['ar'], { type: 'region' });
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      for (const display of [english, arabic]) {
        const name = display.of(code);
        if (name && name !== code) names.set(nameMatchKey(name), code);
      }
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) names.set(nameMatchKey(alias), code);
  return names;
}

export type CountryMatch = { code: string } | { code: null; suggestion: string | null };

/**
 * An ISO 3166 alpha-2 code from a code or an English or Arabic country name; when the name is
 * unknown, the nearest known name one or two letters away, as a suggestion.
 * @example countryCodeOf('United States') → { code: 'US' }; countryCodeOf('مصر') → { code: 'EG' }
 * @example countryCodeOf('Philipines') → { code: null, suggestion: 'philippines' }
 */
export function countryCodeOf(text: string): CountryMatch {
  const trimmed = text.trim();
  countryNames ??= loadCountryNames();
  if (/^[A-Za-z]{2}$/.test(trimmed) && trimmed.toUpperCase() !== 'US') {
    const code = trimmed.toUpperCase();
    if (new Intl.DisplayNames(['en'], { type: 'region' }).of(code) !== code) return { code };
  }
  const key = nameMatchKey(trimmed);
  const code = countryNames.get(key);
  if (code) return { code };
  let best: string | null = null;
  let bestDistance = 3;
  for (const name of countryNames.keys()) {
    const distance = editDistanceAtMost(name, key, 2);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  const suggested = best === null ? undefined : countryNames.get(best);
  return {
    code: null,
    suggestion: suggested
      ? (new Intl.DisplayNames(['en'], { type: 'region' }).of(suggested) ?? best)
      : null,
  };
}

/** Common industry names, to spot a misspelt sector ("technolgy"). Not a closed list. */
const KNOWN_SECTORS = [
  'technology',
  'software',
  'hardware',
  'medical',
  'healthcare',
  'pharmaceuticals',
  'retail',
  'wholesale',
  'finance',
  'banking',
  'insurance',
  'marketing',
  'advertising',
  'entertainment',
  'media',
  'telecommunications',
  'employment',
  'services',
  'consulting',
  'education',
  'manufacturing',
  'energy',
  'utilities',
  'construction',
  'real estate',
  'logistics',
  'transportation',
  'government',
  'hospitality',
  'agriculture',
  'automotive',
  'legal',
  'aerospace',
  'chemicals',
  'mining',
  'non-profit',
  'food and beverage',
  'tourism',
];

/**
 * A known sector name one or two letters away from `sector`, when `sector` is not itself known.
 * @example suggestSector('technolgy') === 'technology'; suggestSector('retail') === null
 */
export function suggestSector(sector: string): string | null {
  const key = nameMatchKey(sector);
  if (key.length < 5 || KNOWN_SECTORS.includes(key)) return null;
  const maxEdits = key.length >= 8 ? 2 : 1;
  return (
    KNOWN_SECTORS.find((known) => editDistanceAtMost(known, key, maxEdits) <= maxEdits) ?? null
  );
}
