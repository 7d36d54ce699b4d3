import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../scripts/test-postgres.sh', import.meta.url));

/**
 * The PostgreSQL half of the suite needs a server. When QANAT_TEST_POSTGRES_URL is not given, a
 * throwaway cluster of this run's own is started from Debian's postgresql package on a free
 * port, and deleted afterwards. If that is impossible the error stops the run: the PostgreSQL
 * tests never skip silently.
 */
export default function setup(): (() => void) | undefined {
  if (process.env.QANAT_TEST_POSTGRES_URL) return undefined;
  const parent = mkdtempSync(join(tmpdir(), 'qanat-test-pg-'));
  chmodSync(parent, 0o755); // the server runs as the postgres user when tests run as root
  const dir = join(parent, 'cluster');
  const url = execFileSync('bash', [SCRIPT, 'start', dir, 'auto'], { encoding: 'utf8' }).trim();
  process.env.QANAT_TEST_POSTGRES_URL = url;
  return () => {
    execFileSync('bash', [SCRIPT, 'stop', dir]);
  };
}
