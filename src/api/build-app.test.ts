import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildApp } from './build-app.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

describe('buildApp', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas, and a readable page', async () => {
    const app = await buildApp({ db: database.db });
    const json = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const document = json.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/deals', '/api/v1/deals/{id}/move', '/api/v1/board']),
    );
    const create = document.paths['/api/v1/deals'].post;
    expect(create.requestBody.content['application/json'].schema.required).toContain('title');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    await app.close();
  });

  it('answers an unexpected failure with a 500 that reveals nothing internal', async () => {
    const app = await buildApp({ db: database.db });
    app.get('/boom', () => {
      throw new Error('SQLITE_CORRUPT at /srv/qanat/src/db/deal.repository.ts:42');
    });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'INTERNAL', message: 'Something went wrong on our side', details: [] },
    });
    await app.close();
  });

  it('refuses to start when an API route declares no access rule', async () => {
    const app = await buildApp({ db: database.db });
    expect(() => app.get('/api/v1/forgotten', () => 'open to all')).toThrow(/declares no access/);
    await app.close();
  });

  it('answers unknown routes with the same error shape', async () => {
    const app = await buildApp({ db: database.db });
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    await app.close();
  });
});

describe('the web app', () => {
  it('serves index.html for app pages and JSON 404s for unknown API paths', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qanat-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp({ db: database.db, webRoot: root });
    const page = await app.inject({ method: 'GET', url: '/deals/123' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="root"');
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.body).toBe('console.log(1)');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
    await app.close();
  });

  it('has index.html checked on every visit and keeps the hashed bundles for a year', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qanat-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app-Bx12.js'), 'console.log(1)');
    const app = await buildApp({ db: database.db, webRoot: root });
    const cacheControl = async (url: string) =>
      (await app.inject({ method: 'GET', url })).headers['cache-control'];
    expect(await cacheControl('/')).toBe('no-cache');
    expect(await cacheControl('/board')).toBe('no-cache');
    expect(await cacheControl('/index.html')).toBe('no-cache');
    expect(await cacheControl('/assets/app-Bx12.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl('/favicon.svg')).toBe('public, max-age=3600');
    await app.close();
  });

  it('shows a bilingual start page when the web app is not built', async () => {
    const app = await buildApp({
      db: database.db,
      webRoot: mkdtempSync(join(tmpdir(), 'qanat-noweb-')),
    });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('npm run build:web');
    expect(page.body).toContain('قناة');
    await app.close();
  });
});
