import type { FastifyRequest } from 'fastify';

/** The languages the API answers in. */
export type Language = 'en' | 'ar';

/**
 * The language a request asks to be answered in, from `Accept-Language` (the web app sends the
 * language of its interface): Arabic when an `ar` tag ranks above every English one, else English.
 * @example languageOf('ar-SA,ar;q=0.9,en;q=0.8') === 'ar'
 * @example languageOf('en-GB,ar;q=0.5') === 'en'; languageOf(undefined) === 'en'
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  let best: { language: Language; q: number } = { language: 'en', q: 0 };
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'ar' && primary !== 'en') continue;
    const qParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (Number.isFinite(q) && q > best.q) best = { language: primary, q };
  }
  return best.language;
}

export function requestLanguage(request: FastifyRequest): Language {
  const header = request.headers['accept-language'];
  return languageOf(Array.isArray(header) ? header.join(',') : header);
}
