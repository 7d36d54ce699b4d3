import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/qanat.js', import.meta.url));

/**
 * What starts `qanat`: the bundle of src/cli the run's global setup made (test/global-setup.ts),
 * or, with `entry: 'bin'`, the shipped bin/qanat.js running the sources through tsx.
 */
export function qanatEntry(entry: 'bundle' | 'bin' = 'bundle'): string {
  return entry === 'bin' ? BIN : (process.env.QANAT_TEST_CLI ?? BIN);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `qanat` command in a child process with the given environment and input. */
export function runQanat(
  args: string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    timeoutMs?: number;
    entry?: 'bundle' | 'bin';
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [qanatEntry(options.entry), ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Starts `qanat serve` and resolves once it answers; `stop()` ends it. */
export async function startServer(
  env: Record<string, string>,
  port: number,
  entry: 'bundle' | 'bin' = 'bundle',
) {
  const child = spawn(process.execPath, [qanatEntry(entry), 'serve', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${base}/api/v1/setup`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
