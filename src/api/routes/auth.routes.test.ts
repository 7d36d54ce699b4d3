import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, ifMatch, PASSWORD, type TestApi } from '../../../test/api-harness.js';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});
afterEach(async () => {
  await api.close();
});

function login(email: string, password: string, ip = '10.0.0.1') {
  return api.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });
}

describe('first-run setup', () => {
  it('is needed only on an empty database and cannot be repeated', async () => {
    const status = await api.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(status.json()).toEqual({ isNeeded: false });
    const again = await api.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        workspace: { name: 'Takeover' },
        admin: { email: 'evil@example.com', name: 'Evil', password: PASSWORD },
      },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_ALREADY_DONE');
    expect((await login('evil@example.com', PASSWORD)).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('sets an httpOnly SameSite cookie and never stores the secret in clear', async () => {
    const response = await login('admin@example.com', PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'qanat_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const rows = await api.database.db.selectFrom('sessions').select('id').execute();
    expect(rows.map((r) => r.id)).not.toContain(cookie?.value);
    const user = await api.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'admin@example.com')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await login('admin@example.com', 'not the password');
    const unknown = await login('nobody@example.com', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
  });

  it('rate-limits repeated failures per email, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await login('admin@example.com', `wrong ${i}`)).statusCode).toBe(401);
    }
    const limited = await login('admin@example.com', PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('900');
    api.clock.now += 16 * 60 * 1000;
    expect((await login('admin@example.com', PASSWORD)).statusCode).toBe(200);
  });

  it('requires the CSRF token on cookie-authenticated writes, not on reads', async () => {
    const response = await login('admin@example.com', PASSWORD);
    const cookie = response.cookies.find((c) => c.name === 'qanat_session')?.value ?? '';
    const read = await api.app.inject({
      method: 'GET',
      url: '/api/v1/deals',
      cookies: { qanat_session: cookie },
    });
    expect(read.statusCode).toBe(200);
    const forged = await api.app.inject({
      method: 'POST',
      url: '/api/v1/deals',
      cookies: { qanat_session: cookie },
      payload: { title: 'Forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const me = await api.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { qanat_session: cookie },
    });
    expect(me.json().csrfToken).toBe(response.json().csrfToken);
    const list = await api.database.db.selectFrom('deals').select('id').execute();
    expect(list).toHaveLength(0);
  });

  it('logs out one session, and everywhere', async () => {
    const second = await api.signIn('admin@example.com');
    const out = await api.admin.request({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await api.admin.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(
      401,
    );
    expect((await second.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const third = await api.signIn('admin@example.com');
    expect(
      (await third.request({ method: 'POST', url: '/api/v1/auth/logout-everywhere' })).statusCode,
    ).toBe(204);
    expect((await second.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('expires sessions after 30 days', async () => {
    api.clock.now += 31 * 24 * 3600 * 1000;
    expect((await api.admin.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(
      401,
    );
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped to a role, and revocable', async () => {
    const created = await api.admin.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'Zapier', role: 'rep' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^qnt_/);
    const stored = await api.database.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    const listed = await api.admin.request({ method: 'GET', url: '/api/v1/tokens' });
    expect(JSON.stringify(listed.json())).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const read = await api.app.inject({ method: 'GET', url: '/api/v1/deals', headers: bearer });
    expect(read.statusCode).toBe(200);
    const write = await api.app.inject({
      method: 'POST',
      url: '/api/v1/deals',
      headers: bearer,
      payload: { title: 'From an integration' },
    });
    expect(write.statusCode).toBe(201);
    const forbidden = await api.app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: bearer,
    });
    expect(forbidden.statusCode).toBe(403);

    await api.admin.request({ method: 'DELETE', url: `/api/v1/tokens/${id}` });
    const revoked = await api.app.inject({ method: 'GET', url: '/api/v1/deals', headers: bearer });
    expect(revoked.statusCode).toBe(401);
  });

  it('refuses a malformed or unknown bearer token', async () => {
    for (const value of ['Bearer qnt_nope', 'Bearer something', 'Basic abc']) {
      const response = await api.app.inject({
        method: 'GET',
        url: '/api/v1/deals',
        headers: { authorization: value },
      });
      expect(response.statusCode).toBe(401);
    }
  });
});

describe('users and roles', () => {
  it('lets an admin add people and change roles, never demoting the last admin', async () => {
    const added = await api.admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'Rana@Example.com', name: 'رنا', password: PASSWORD, role: 'rep' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ email: 'rana@example.com', version: 1 });
    expect(added.headers.etag).toBe('"1"');
    const rana = await api.signIn('rana@example.com');
    expect(
      (
        await rana.request({
          method: 'POST',
          url: '/api/v1/users',
          payload: { email: 'x@example.com', name: 'X', password: PASSWORD, role: 'admin' },
        })
      ).statusCode,
    ).toBe(403);

    const promoted = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${rana.userId}`,
      headers: ifMatch(1),
      payload: { role: 'manager' },
    });
    expect(promoted.json()).toMatchObject({ role: 'manager', version: 2 });
    expect(promoted.headers.etag).toBe('"2"');
    // The new role applies to the existing session at once.
    expect((await rana.request({ method: 'GET', url: '/api/v1/auth/me' })).json().role).toBe(
      'manager',
    );

    const demoteSelf = await api.admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${api.admin.userId}`,
      headers: ifMatch(1),
      payload: { role: 'rep' },
    });
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.json().error.code).toBe('CONFLICT');

    const duplicate = await api.admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'rana@example.com', name: 'Rana', password: PASSWORD, role: 'rep' },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('changes a role only at the version last read: 409 with the member when stale, 428 without', async () => {
    const rana = await api.addMember('rep');
    const listed = await api.admin.request({ method: 'GET', url: '/api/v1/users' });
    const member = listed.json().items.find((m: { id: string }) => m.id === rana.userId);
    expect(member).toMatchObject({ role: 'rep', version: 1 });
    const change = (role: string, headers: Record<string, string> = {}) =>
      api.admin.request({
        method: 'PATCH',
        url: `/api/v1/users/${rana.userId}`,
        headers,
        payload: { role },
      });

    const missing = await change('manager');
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error.code).toBe('VERSION_REQUIRED');

    expect((await change('manager', ifMatch(1))).statusCode).toBe(200);
    const stale = await change('admin', ifMatch(1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      current: { id: rana.userId, role: 'manager', version: 2 },
    });
    expect((await api.signIn(rana.email)).role).toBe('manager');
  });

  it('validates new users with field paths', async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'not-an-email', name: '', password: 'short', role: 'boss' },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['body.email', 'body.name', 'body.password', 'body.role']),
    );
  });
});

describe('workspace settings', () => {
  it('reads and updates with a version, refusing unknown currencies and time zones', async () => {
    const read = await api.admin.request({ method: 'GET', url: '/api/v1/workspace' });
    expect(read.json().baseCurrency).toBe('USD');
    const etag = read.headers.etag as string;
    const updated = await api.admin.request({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: { 'if-match': etag },
      payload: { baseCurrency: 'SAR', weekStart: 0, defaultLocale: 'ar' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      baseCurrency: 'SAR',
      weekStart: 0,
      defaultLocale: 'ar',
    });
    const stale = await api.admin.request({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: { 'if-match': etag },
      payload: { name: 'Lost update' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.baseCurrency).toBe('SAR');
    const badZone = await api.admin.request({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: { 'if-match': updated.headers.etag as string },
      payload: { timeZone: 'Mars/Olympus' },
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.details[0].path).toEqual(['timeZone']);
    const manager = await api.addMember('manager');
    const denied = await manager.request({
      method: 'PATCH',
      url: '/api/v1/workspace',
      headers: { 'if-match': updated.headers.etag as string },
      payload: { name: 'Mine' },
    });
    expect(denied.statusCode).toBe(403);
  });
});
