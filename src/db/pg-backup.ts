import { spawn } from 'node:child_process';

/** Runs a PostgreSQL client tool; a missing tool gets a message saying how to install it. */
function runTool(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${tool} not found: install PostgreSQL's client tools (apt-get install postgresql-client)`,
            )
          : error,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(new Error(`${tool} failed: ${stderr.trim().split('\n').at(-1) ?? `exit ${code}`}`));
    });
  });
}

/** A consistent snapshot of the whole database in pg_dump's compressed custom format. */
export function backupPostgres(url: string, file: string): Promise<void> {
  return runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url}`]);
}

/** Replaces the database's objects with the backup's, in one transaction. */
export function restorePostgres(url: string, file: string): Promise<void> {
  return runTool('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    `--dbname=${url}`,
    file,
  ]);
}
