import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQanat, startServer } from '../../test/cli.js';

let dir: string;
let env: Record<string, string>;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qanat-cli-'));
  env = { DATABASE_URL: `sqlite:${join(dir, 'data', 'qanat.sqlite')}` };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('qanat CLI', () => {
  // Through the shipped bin/qanat.js (the sources via tsx); the other tests run the same sources
  // bundled once for the run, which starts faster.
  it('creates the first admin on an empty database, then serves the API they sign in to', async () => {
    const added = await runQanat(
      [
        'user',
        'add',
        '--admin',
        '--email',
        'Founder@Example.com',
        '--name',
        'Founder',
        '--password-stdin',
      ],
      { env, input: 'a long enough password\n', entry: 'bin' },
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added founder@example\.com as admin/);

    const port = await freePort();
    const server = await startServer(env, port, 'bin');
    try {
      const setup = await fetch(`${server.base}/api/v1/setup`);
      expect(await setup.json()).toEqual({ isNeeded: false });
      const login = await fetch(`${server.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'founder@example.com', password: 'a long enough password' }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/qanat_session=.*HttpOnly.*SameSite=Lax/i);
      // The web app (built by `npm start` and in CI) or, without a build, the start page.
      const home = await fetch(`${server.base}/`);
      expect(home.headers.get('content-type')).toContain('text/html');
      expect(await home.text()).toMatch(/id="root"|قناة/);
      const deepLink = await fetch(`${server.base}/deals/some-id`);
      expect(deepLink.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('refuses bad input with a one-line message and a non-zero exit code, changing nothing', async () => {
    const badEmail = await runQanat(
      ['user', 'add', '--email', 'not-an-email', '--password-stdin'],
      {
        env,
        input: 'a long enough password',
      },
    );
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr.trim().split('\n')).toHaveLength(1);
    expect(badEmail.stderr).toContain('Not an email address');

    const shortPassword = await runQanat(
      ['user', 'add', '--email', 'a@example.com', '--password-stdin'],
      {
        env,
        input: 'short',
      },
    );
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.stderr).toMatch(/^qanat: VALIDATION_FAILED: .*password/);
    expect(shortPassword.stderr).not.toMatch(/\bat \S+:\d+:\d+/); // no stack trace

    const unknown = await runQanat(['frobnicate'], { env });
    expect(unknown.code).toBe(2);

    const badUrl = await runQanat(['migrate'], { env: { DATABASE_URL: 'sqlite:' } });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('DATABASE_URL');
  });

  it('loads the demo into a fresh database, and refuses a bad deal count', async () => {
    const demo = await runQanat(['demo', '--deals', '40', '--seed', '7'], { env });
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/Demo loaded: 40 deals \(\d+ open, \d+ won, \d+ lost\)/);
    const bad = await runQanat(['demo', '--deals', 'many'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--deals must be a whole number');
  });

  it('backs up the live database and restores it, refusing a file that is not a backup', async () => {
    await runQanat(['user', 'add', '--admin', '--email', 'one@example.com', '--password-stdin'], {
      env,
      input: 'a long enough password',
    });
    const backupFile = join(dir, 'backup.sqlite');
    const backup = await runQanat(['backup', backupFile], { env });
    expect(backup.code).toBe(0);

    await runQanat(['user', 'add', '--email', 'two@example.com', '--password-stdin'], {
      env,
      input: 'a long enough password',
    });
    const restored = await runQanat(['restore', backupFile], { env });
    expect(restored.code).toBe(0);
    // After the restore, "two" is gone and can be added again; "one" is still there.
    const again = await runQanat(
      ['user', 'add', '--email', 'two@example.com', '--password-stdin'],
      {
        env,
        input: 'a long enough password',
      },
    );
    expect(again.code).toBe(0);
    const duplicate = await runQanat(
      ['user', 'add', '--email', 'one@example.com', '--password-stdin'],
      {
        env,
        input: 'a long enough password',
      },
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already a member');

    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database');
    const refused = await runQanat(['restore', junk], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not a SQLite database');
  });
});
