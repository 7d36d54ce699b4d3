import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.QANAT_CHROMIUM ?? '/usr/bin/chromium';

/** Builds the web app once if this checkout has no build yet. */
export function ensureWebBuild(): void {
  if (existsSync(join(ROOT, 'web/dist/index.html'))) return;
  execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'ignore' });
}

/**
 * Debian's Chromium, headless, in a fresh profile, with nothing reaching out of this machine. A missing browser is
 * an error, never a skipped test: `apt-get install chromium`.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set QANAT_CHROMIUM)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A port free on this machine right now, for a server under test. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PageApiResult {
  status: number;
  body: unknown;
}

/**
 * Calls the API from inside a signed-in page, with its cookie and CSRF token (and If-Match
 * when a version is given).
 */
export function callApiFromPage(
  page: Page,
  path: string,
  options: { method?: string; body?: unknown; version?: number } = {},
): Promise<PageApiResult> {
  return page.evaluate(
    async ({ path, method, body, version }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const headers: Record<string, string> = { 'x-csrf-token': me.csrfToken };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (version !== undefined) headers['if-match'] = `"${version}"`;
      const response = await fetch(`/api/v1${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    { path, method: options.method, body: options.body, version: options.version },
  );
}

/** The first-run form: a workspace in USD and its admin, signed in afterwards. */
export async function setUpWorkspace(page: Page, base: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('Workspace name').fill('Gulf Sales');
  await page.getByLabel('Base currency').selectOption('USD');
  await page.getByLabel('Your name').fill('Amira');
  await page.getByLabel('Email').fill('amira@example.com');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('heading', { name: 'Pipeline board' }).waitFor();
}
