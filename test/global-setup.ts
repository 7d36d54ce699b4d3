import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ensureWebBuild } from './browser.js';
import { createPostgresTemplate } from './database.js';

const SCRIPT = fileURLToPath(new URL('../scripts/test-postgres.sh', import.meta.url));
/**
 * Where the CLI bundle goes: three folders below the repository, as src/cli/main.ts is, so paths
 * the code makes from its own address (the web build) land where they do from the sources; inside
 * node_modules, so its packages resolve and git ignores it.
 */
// One file per run (the run's process id), so runs side by side never start each other's bundle.
const CLI_BUNDLE = fileURLToPath(
  new URL(`../node_modules/.cache/qanat-test/cli-${process.pid}.mjs`, import.meta.url),
);

/**
 * The CLI tests start `qanat` about seventy times. Through tsx each start compiles the sources
 * again (2–4 s on two cores); one bundle of the same sources, made here once per run with the
 * esbuild that tsx itself uses, starts in a fraction of that. bin/qanat.js keeps a test of its own.
 */
async function bundleCli(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.env.QANAT_TEST_CLI = CLI_BUNDLE;
}

/**
 * The PostgreSQL half of the suite needs a server. When QANAT_TEST_POSTGRES_URL is not given, a
 * throwaway cluster of this run's own is started from Debian's postgresql package on a free
 * port, and deleted afterwards. If that is impossible the error stops the run: the PostgreSQL
 * tests never skip silently. On it, one migrated template database, which every test's database
 * is copied from (test/database.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  await bundleCli();
  // Once, before the workers start: browser tests in several workers would otherwise build at once.
  ensureWebBuild();
  const stopServer = process.env.QANAT_TEST_POSTGRES_URL ? undefined : startPostgres();
  const template = await createPostgresTemplate();
  process.env.QANAT_TEST_POSTGRES_TEMPLATE = template.name;
  return async () => {
    await template.drop();
    stopServer?.();
    rmSync(CLI_BUNDLE, { force: true });
  };
}

function startPostgres(): () => void {
  const parent = mkdtempSync(join(tmpdir(), 'qanat-test-pg-'));
  chmodSync(parent, 0o755); // the server runs as the postgres user when tests run as root
  const dir = join(parent, 'cluster');
  const url = execFileSync('bash', [SCRIPT, 'start', dir, 'auto'], { encoding: 'utf8' }).trim();
  process.env.QANAT_TEST_POSTGRES_URL = url;
  return () => execFileSync('bash', [SCRIPT, 'stop', dir]);
}
