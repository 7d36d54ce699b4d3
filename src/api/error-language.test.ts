import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/api-harness.js';
import { languageOf } from './language.js';

const ARABIC = { 'accept-language': 'ar-SA,ar;q=0.9,en;q=0.5' };
const ARABIC_LETTERS = /[\u0600-\u06FF]/;

describe('languageOf', () => {
  it('answers in Arabic when an Arabic tag ranks above every English one', () => {
    expect(languageOf('ar')).toBe('ar');
    expect(languageOf('ar-SA,ar;q=0.9,en;q=0.8')).toBe('ar');
    expect(languageOf('en;q=0.4, ar-EG;q=0.6')).toBe('ar');
    expect(languageOf('en-GB,ar;q=0.5')).toBe('en');
    expect(languageOf('fr-FR,de')).toBe('en');
    expect(languageOf('ar;q=0')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('')).toBe('en');
  });
});

describe('error messages in the language of the request', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await createTestApi();
  });
  afterEach(async () => {
    await api.close();
  });

  it('says what failed validation in Arabic, with the same codes and paths', async () => {
    const send = (headers: Record<string, string>) =>
      api.admin.request({
        method: 'POST',
        url: '/api/v1/deals',
        payload: { title: '', amountMinor: -5 },
        headers,
      });
    const english = (await send({})).json().error;
    const arabic = (await send(ARABIC)).json().error;
    expect(english.code).toBe('VALIDATION_FAILED');
    expect(arabic.code).toBe('VALIDATION_FAILED');
    expect(arabic.details.map((d: { path: unknown }) => d.path)).toEqual(
      english.details.map((d: { path: unknown }) => d.path),
    );
    expect(arabic.details.map((d: { code: string }) => d.code)).toEqual(
      english.details.map((d: { code: string }) => d.code),
    );
    expect(english.message).not.toMatch(ARABIC_LETTERS);
    expect(arabic.message).toMatch(ARABIC_LETTERS);
    for (const detail of arabic.details) expect(detail.message).toMatch(ARABIC_LETTERS);
  });

  it('names the missing record, the refused field and the conflict in Arabic', async () => {
    const missing = await api.admin.request({
      method: 'GET',
      url: '/api/v1/deals/nope',
      headers: ARABIC,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('لم يُعثر على الصفقة');

    const domain = await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Almarai', domain: 'not a domain' },
      headers: ARABIC,
    });
    expect(domain.statusCode).toBe(400);
    expect(domain.json().error.details).toEqual([
      { path: ['domain'], code: 'invalid_domain', message: 'اكتب نطاقًا مثل acme.com' },
    ]);

    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/companies',
      payload: { name: 'Almarai' },
    });
    const stale = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/companies/${created.json().id}`,
      payload: { name: 'Almarai Co.' },
      headers: { ...ARABIC, 'if-match': '"99"' },
    });
    const blind = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/companies/${created.json().id}`,
      payload: { name: 'Almarai Co.' },
      headers: ARABIC,
    });
    expect(blind.statusCode).toBe(428);
    expect(blind.json().error.details).toEqual([
      {
        path: ['headers', 'if-match'],
        code: 'if_match',
        message: 'ترويسة If-Match مفقودة أو غير صحيحة',
      },
    ]);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.message).toMatch(/غيّر شخص آخر هذا السجل/);

    const future = await api.admin.request({
      method: 'GET',
      url: '/api/v1/board?asOf=2999-01-01',
      headers: ARABIC,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([
      {
        path: ['asOf'],
        code: 'future_as_of',
        message: 'السجل يعرف الماضي فقط: اختر لحظة حتى الآن',
      },
    ]);

    const route = await api.admin.request({
      method: 'GET',
      url: '/api/v1/nowhere',
      headers: ARABIC,
    });
    expect(route.json().error.message).toBe('لا يوجد مسار GET /api/v1/nowhere');
  });

  it('keeps English for a request that does not ask for Arabic', async () => {
    const missing = await api.admin.request({
      method: 'GET',
      url: '/api/v1/deals/nope',
      headers: { 'accept-language': 'en-US,ar;q=0.3' },
    });
    expect(missing.json().error.message).toBe('Deal not found');
  });
});
