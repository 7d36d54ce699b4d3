import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type ErrorDetail } from '../domain/errors.js';
import {
  detailMessage,
  MESSAGE_OF_CODE,
  notFoundMessage,
  validationMessage,
} from './error-messages-ar.js';
import { type Language, requestLanguage } from './language.js';

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

/** The error's message in the language asked for: English as raised, or Arabic by its code. */
function messageIn(language: Language, code: string, english: string, record?: unknown): string {
  if (language === 'en') return english;
  if (code === 'NOT_FOUND') return notFoundMessage(typeof record === 'string' ? record : undefined);
  return MESSAGE_OF_CODE[code] ?? english;
}

/** A detail in the language asked for: Arabic where its code has words, else as raised. */
function detailIn(language: Language, detail: ErrorDetail): ErrorDetail {
  if (language === 'en') return detail;
  return { ...detail, message: detailMessage(detail.code) ?? detail.message };
}

/** A domain error as the API's error object, in the language asked for. */
export function errorObjectOf(error: DomainError, language: Language): ErrorBody['error'] {
  const body: ErrorBody['error'] = {
    code: error.code,
    message: messageIn(language, error.code, error.message, error.data?.record),
    details: error.details.map((detail) => detailIn(language, detail)),
  };
  if (error.data?.current !== undefined) body.current = error.data.current;
  return body;
}

export function sendDomainError(
  reply: FastifyReply,
  error: DomainError,
  language: Language = 'en',
): FastifyReply {
  const body: ErrorBody = { error: errorObjectOf(error, language) };
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
 * Messages are in the language the request asks for (`Accept-Language`: Arabic or English);
 * codes and paths never change with it.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = requestLanguage(request);
    if (error instanceof DomainError) return sendDomainError(reply, error, language);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: messageIn(language, 'VALIDATION_FAILED', `Invalid ${where}`),
          details: error.validation.map((v) => {
            const path = [where, ...splitPath(v.instancePath)];
            const english = v.message ?? 'Invalid value';
            const message =
              language === 'ar'
                ? (validationMessage({ ...v.params, code: v.keyword, path }) ?? english)
                : english;
            return { path, message, code: v.keyword };
          }),
        },
      } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : (error.code ?? 'BAD_REQUEST');
      return reply.status(status).send({
        error: { code, message: messageIn(language, code, error.message), details: [] },
      } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({
      error: {
        code: 'INTERNAL',
        message: messageIn(language, 'INTERNAL', 'Something went wrong on our side'),
        details: [],
      },
    } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    const route = `${request.method} ${request.url.split('?')[0]}`;
    const message =
      requestLanguage(request) === 'ar' ? `لا يوجد مسار ${route}` : `No route ${route}`;
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message, details: [] } } satisfies ErrorBody);
  });
}
