import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type ErrorDetail } from '../domain/errors.js';

/** Every typed error code's HTTP status: the one place codes become statuses. */
const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  CURRENCY_UNKNOWN: 400,
  EXCHANGE_RATE_MISSING: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  CONFLICT: 409,
  SETUP_ALREADY_DONE: 409,
  DEAL_CLOSED: 409,
  DEAL_NOT_CLOSED: 409,
  STAGE_UNCHANGED: 422,
  STAGE_NOT_IN_PIPELINE: 422,
  STAGE_ARCHIVED: 422,
  REASON_REQUIRED: 422,
  EXIT_CRITERIA_UNMET: 422,
  NO_WON_STAGE: 422,
  VERSION_REQUIRED: 428,
  RATE_LIMITED: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[]; current?: unknown };
}

export function sendDomainError(reply: FastifyReply, error: DomainError): FastifyReply {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, details: error.details },
  };
  if (error.data?.current !== undefined) body.error.current = error.data.current;
  const retryAfter = error.data?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  return reply.status(STATUS_OF[error.code]).send(body);
}

/** `/emails/0/value` → `['emails', 0, 'value']`: list indices stay numbers. */
function splitPath(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * One error shape for the whole API: `{ error: { code, message, details[] } }`. Bad input is a
 * 4xx naming the field; anything unexpected is a 500 whose body says nothing about internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) return sendDomainError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid ${where}`,
          details: error.validation.map((v) => ({
            path: [where, ...splitPath(v.instancePath)],
            message: v.message ?? 'Invalid value',
            code: v.keyword,
          })),
        },
      } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({
        error: {
          code: status === 413 ? 'PAYLOAD_TOO_LARGE' : (error.code ?? 'BAD_REQUEST'),
          message: error.message,
          details: [],
        },
      } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: 'Something went wrong on our side', details: [] },
    } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        details: [],
      },
    } satisfies ErrorBody),
  );
}
