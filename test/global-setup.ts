import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../scripts/test-postgres.sh', import.meta.url));
const DIR = '/tmp/qanat-test-pg-vitest';
const PORT = '54331';

/**
 * The PostgreSQL half of the suite needs a server. When QANAT_TEST_POSTGRES_URL is not given, a
 * throwaway cluster is started from Debian's postgresql package, and stopped afterwards. If that
 * is impossible the error stops the run: the PostgreSQL tests never skip silently.
 */
export default function setup(): (() => void) | undefined {
  if (process.env.QANAT_TEST_POSTGRES_URL) return undefined;
  const url = execFileSync('bash', [SCRIPT, 'start', DIR, PORT], { encoding: 'utf8' }).trim();
  process.env.QANAT_TEST_POSTGRES_URL = url;
  return () => {
    execFileSync('bash', [SCRIPT, 'stop', DIR, PORT]);
  };
}
