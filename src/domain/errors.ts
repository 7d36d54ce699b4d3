/**
 * Typed errors raised by domain rules and services. Each boundary maps a code once:
 * the HTTP layer to a status and JSON body, the CLI to an exit code and a one-line message.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'VERSION_REQUIRED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_TOKEN_INVALID'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'SETUP_ALREADY_DONE'
  | 'DEAL_CLOSED'
  | 'DEAL_NOT_CLOSED'
  | 'STAGE_UNCHANGED'
  | 'STAGE_NOT_IN_PIPELINE'
  | 'STAGE_ARCHIVED'
  | 'REASON_REQUIRED'
  | 'EXIT_CRITERIA_UNMET'
  | 'NO_WON_STAGE'
  | 'CURRENCY_UNKNOWN'
  | 'EXCHANGE_RATE_MISSING';

export interface ErrorDetail {
  /** Path of the offending field, e.g. `["amount", "currency"]`; empty for the whole request. */
  path: (string | number)[];
  message: string;
  code?: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** Extra machine-readable payload, e.g. the current record on a version conflict. */
  readonly data: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.data = data;
  }
}

/** A record that does not exist, or not in this workspace; `data.record` names its kind. */
export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} not found`, [], { record: what });
}
