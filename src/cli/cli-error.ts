import { DomainError } from '../domain/errors.js';

/** A failure the person at the terminal can act on: printed as one line, exit code ≠ 0. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** One line for any error: typed errors keep their code and first field; others their message. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof DomainError) {
    const detail = error.details[0];
    const where = detail ? ` (${detail.path.join('.')}: ${detail.message})` : '';
    return { message: `${error.code}: ${error.message}${where}`, exitCode: 1 };
  }
  if (error instanceof Error) return { message: error.message, exitCode: 1 };
  return { message: String(error), exitCode: 1 };
}
