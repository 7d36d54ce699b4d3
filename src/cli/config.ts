import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Settings read from the environment (and `.env` when present); documented in the README. */
const Env = z.object({
  DATABASE_URL: z.string().min(1).default('sqlite:./data/qanat.sqlite'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: readable lines on a terminal, one JSON object a line otherwise (for log collectors). */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  COOKIE_SECURE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * Whether the server logs readable lines rather than JSON.
 * @example isPretty('auto', true) === true; isPretty('auto', undefined) === false
 */
export function isPretty(format: Config['LOG_FORMAT'], isTerminal: boolean | undefined): boolean {
  return format === 'pretty' || (format === 'auto' && isTerminal === true);
}
