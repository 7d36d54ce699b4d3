import type { Command } from 'commander';
import { newWorkerId, runWorker } from '../../jobs/worker.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run background jobs (snapshots and what comes); start as many as you like')
    .option('--idle-ms <ms>', 'pause between polls when there is nothing to do', '1000')
    .action(async (options: { idleMs: string }) => {
      const db = await openDatabase(loadConfig());
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      process.once('SIGTERM', () => controller.abort());
      const workerId = newWorkerId();
      console.log(`Worker ${workerId} started`);
      await runWorker({
        db,
        workerId,
        signal: controller.signal,
        idleMs: Number(options.idleMs),
        onError: (error) => console.error(`qanat worker: ${String(error)}`),
      });
      await db.destroy();
      console.log(`Worker ${workerId} stopped`);
    });
}
