import type { Db } from '../../db/connection.js';
import {
  findDigest,
  findDigestBefore,
  insertDigest,
  markDigestRead,
} from '../../db/digest.repository.js';
import { newId } from '../../db/id.js';
import { enqueueJob } from '../background/job.service.js';
import { listStaleDeals } from '../../db/my-day.repository.js';
import { listMembers } from '../../db/user.repository.js';
import { findWorkspace, listWorkspaces } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { dayOf } from '../../domain/period.js';
import { daysSince } from '../../domain/stale.js';
import { requirePermission, type ServiceContext, toIso } from '../context.service.js';
import { confirmedStale } from './stale-rows.js';

export const DIGEST_QUEUE = 'my-day.digest';
/** A digest names at most this many deals (the stalest first); its count is exact up to it. */
export const DIGEST_LIMIT = 500;

export interface DigestPayload {
  day: string;
}

/** The person's stale open deals now, stalest first, confirmed by the rule of domain/stale.ts. */
async function staleDealsOf(ctx: ServiceContext, userId: string) {
  const rows = await listStaleDeals(
    ctx.db,
    { workspaceId: ctx.actor.workspaceId, ownerId: userId },
    ctx.now,
    DIGEST_LIMIT,
  );
  return confirmedStale(rows, ctx.now);
}

/**
 * The person's digest of `day`: made now if it does not exist — their stale deals, and which of
 * them were not in their previous digest — and kept as made, so the whole day reads the same.
 */
async function ensureDigest(ctx: ServiceContext, userId: string, day: string) {
  const { workspaceId } = ctx.actor;
  const existing = await findDigest(ctx.db, workspaceId, userId, day);
  if (existing) return existing;
  const stale = await staleDealsOf(ctx, userId);
  const previous = await findDigestBefore(ctx.db, workspaceId, userId, day);
  const before = new Set<string>(previous ? (JSON.parse(previous.deal_ids) as string[]) : []);
  const ids = stale.map((d) => d.id);
  await insertDigest(ctx.db, {
    id: newId(),
    workspace_id: workspaceId,
    user_id: userId,
    day,
    deal_ids: JSON.stringify(ids),
    new_deal_ids: JSON.stringify(ids.filter((id) => !before.has(id))),
    created_at: ctx.now,
    read_at: null,
  });
  const made = await findDigest(ctx.db, workspaceId, userId, day);
  if (!made) throw notFound('Digest');
  return made;
}

async function todayOf(ctx: ServiceContext): Promise<string> {
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  return dayOf(ctx.now, workspace.time_zone);
}

function personOf(ctx: ServiceContext): string {
  if (!ctx.actor.userId) {
    const message = 'An API token has no digest: it owns no deals';
    throw new DomainError('VALIDATION_FAILED', message, [
      { path: [], message, code: 'person_required' },
    ]);
  }
  return ctx.actor.userId;
}

/**
 * Today's stale digest of the signed-in person, in the workspace's day: how many of their open
 * deals are stale, which went stale since their previous digest, and whether they have read it.
 * The deals are listed as they are now (a deal dealt with since is no longer stale).
 */
export async function getMyDigest(ctx: ServiceContext) {
  requirePermission(ctx.actor, 'read');
  const userId = personOf(ctx);
  const day = await todayOf(ctx);
  const digest = await ensureDigest(ctx, userId, day);
  const ids = JSON.parse(digest.deal_ids) as string[];
  const fresh = new Set(JSON.parse(digest.new_deal_ids) as string[]);
  const now = new Map((await staleDealsOf(ctx, userId)).map((d) => [d.id, d]));
  return {
    day,
    madeAt: toIso(Number(digest.created_at)) ?? '',
    readAt: toIso(digest.read_at === null ? null : Number(digest.read_at)),
    staleCount: ids.length,
    newCount: fresh.size,
    deals: ids.flatMap((id) => {
      const row = now.get(id);
      if (!row) return [];
      const lastTouch = Math.max(Number(row.stage_entered_at), Number(row.last_activity_at ?? 0));
      return [
        {
          id,
          title: row.title,
          stageId: row.stage_id,
          isNew: fresh.has(id),
          daysUntouched: daysSince(lastTouch, ctx.now),
        },
      ];
    }),
    /** Stale in the digest, no longer stale now: someone acted on them today. */
    dealtWith: ids.filter((id) => !now.has(id)).length,
  };
}

/** Marks today's digest read; reading it again changes nothing. */
export async function readMyDigest(ctx: ServiceContext) {
  requirePermission(ctx.actor, 'read');
  const userId = personOf(ctx);
  const day = await todayOf(ctx);
  await ensureDigest(ctx, userId, day);
  await markDigestRead(ctx.db, ctx.actor.workspaceId, userId, day, ctx.now);
  return getMyDigest(ctx);
}

/** The worker's daily job for a workspace: every member's digest of the day, made ahead. */
export async function makeDailyDigests(ctx: ServiceContext, payload: DigestPayload) {
  let made = 0;
  for (const member of await listMembers(ctx.db, ctx.actor.workspaceId)) {
    await ensureDigest(ctx, member.id, payload.day);
    made += 1;
  }
  return made;
}

/** Queues each workspace's digests of its current day, once per day (deduplicated). */
export async function scheduleDailyDigests(db: Db, now: number): Promise<number> {
  let queued = 0;
  for (const workspace of await listWorkspaces(db)) {
    const day = dayOf(now, workspace.time_zone);
    const isNew = await enqueueJob(db, {
      workspaceId: workspace.id,
      queue: DIGEST_QUEUE,
      payload: { day } satisfies DigestPayload,
      dedupeKey: `${DIGEST_QUEUE}:${workspace.id}:${day}`,
      now,
    });
    if (isNew) queued += 1;
  }
  return queued;
}
