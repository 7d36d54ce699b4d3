import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';

/**
 * The version a write is based on, from `If-Match: "7"` (weak `W/"7"` accepted too).
 * Writes without it are refused (428), so no client can overwrite blindly.
 */
export function requireIfMatch(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!match?.[1]) {
    throw new DomainError(
      'VERSION_REQUIRED',
      'Send the version you last read in an If-Match header, e.g. If-Match: "3"',
      [{ path: ['headers', 'if-match'], message: 'Missing or malformed', code: 'if_match' }],
    );
  }
  return Number(match[1]);
}

export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', `"${version}"`);
}

/** Sends a versioned record with its ETag, so the next write can send it back in If-Match. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  setEtag(reply, record.version);
  return record;
}
