import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import type { ImportProgress } from '../services/transfer/import/import.service.js';
import type { ErrorBody } from './error-handler.js';

export const NDJSON = 'application/x-ndjson';

type ImportEvent<R> =
  | ({ type: 'progress'; file?: string } & ImportProgress)
  | { type: 'report'; report: R }
  | ({ type: 'error' } & ErrorBody);

/**
 * With `Accept: application/x-ndjson` the answer is a stream of JSON lines: `progress` events
 * (rows, rows/s, ETA) every half second, then the `report` (or an `error`). The stream starts
 * once the header row and the mapping are checked, so bad input is still a plain 4xx.
 */
export async function streamImportEvents<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (onProgress: (progress: ImportProgress, file?: string) => void) => Promise<R>,
): Promise<FastifyReply> {
  const events = new PassThrough();
  let isStreaming = false;
  const send = (event: ImportEvent<R>) => {
    if (!isStreaming) {
      isStreaming = true;
      void reply.header('content-type', NDJSON).header('cache-control', 'no-store').send(events);
    }
    events.write(`${JSON.stringify(event)}\n`);
  };
  try {
    const report = await run((progress, file) =>
      send({ type: 'progress', ...progress, ...(file === undefined ? {} : { file }) }),
    );
    send({ type: 'report', report });
  } catch (error) {
    if (!isStreaming) throw error;
    if (error instanceof DomainError) {
      send({
        type: 'error',
        error: { code: error.code, message: error.message, details: error.details },
      });
    } else {
      request.log.error({ err: error }, 'import failed while streaming');
      send({
        type: 'error',
        error: { code: 'INTERNAL', message: 'Something went wrong on our side', details: [] },
      });
    }
  }
  events.end();
  return reply;
}
