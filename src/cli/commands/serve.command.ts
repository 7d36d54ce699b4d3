import type { Command } from 'commander';
import { buildApp } from '../../api/build-app.js';
import { optimizeDatabase } from '../../db/maintenance.js';
import { isPretty, loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';

/** Readable log lines for a person at a terminal: time, level and message, no pid or host. */
const PRETTY = {
  target: 'pino-pretty',
  options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
};

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the web app and API (migrates the database first)')
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default: $PORT or 3000)')
    .action(async (options: { host?: string; port?: string }) => {
      const config = loadConfig();
      const db = await openDatabase(config);
      const app = await buildApp({
        db,
        isCookieSecure: config.COOKIE_SECURE,
        logger: {
          level: config.LOG_LEVEL,
          ...(isPretty(config.LOG_FORMAT, process.stdout.isTTY) ? { transport: PRETTY } : {}),
          redact: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.headers["x-csrf-token"]',
          ],
        },
      });
      // Keeps planner statistics fresh as data grows (a no-op on PostgreSQL).
      const maintenance = setInterval(() => void optimizeDatabase(db).catch(() => {}), 3_600_000);
      maintenance.unref();
      const shutdown = async () => {
        clearInterval(maintenance);
        await app.close();
        await db.destroy();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      const address = await app.listen({
        host: options.host ?? config.HOST,
        port: options.port === undefined ? config.PORT : Number(options.port),
      });
      app.log.info(`Qanat is running at ${address} (API docs: ${address}/api/docs)`);
    });
}
