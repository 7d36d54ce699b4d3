import {
  deleteSessionsIn,
  handOverOpenActivities,
  handOverRecords,
  listOpenDealsOwnedBy,
  revokeTokensMadeBy,
} from '../../db/handover.repository.js';
import { countAdmins } from '../../db/user.repository.js';
import { updateAtVersion } from '../../db/versioned.js';
import { DomainError } from '../../domain/errors.js';
import {
  inTransaction,
  requirePermission,
  type ServiceContext,
  versionConflict,
} from '../context.service.js';
import { applyDealChange, authorOf } from '../deals/deal-spine.js';
import { getMember, type MemberView } from './user.service.js';

export interface HandOver {
  member: MemberView;
  deals: number;
  activities: number;
  companies: number;
  contacts: number;
  sessionsEnded: number;
  tokensRevoked: number;
}

function refuse(path: string, message: string, code: string): DomainError {
  return new DomainError('CONFLICT', message, [{ path: [path], message, code }]);
}

/**
 * When a person leaves: in one transaction, their open deals (each change of owner in the
 * deal's field history), open activities, companies and contacts go to `handToUserId`; their
 * sessions in the workspace end and the API tokens they made are revoked, so nothing of theirs
 * works a moment later; the membership is marked deactivated and signs in no more. Refused for
 * oneself, the last admin, or a successor who is not an active member.
 */
export async function deactivateMember(
  ctx: ServiceContext,
  userId: string,
  version: number,
  input: { handToUserId: string },
): Promise<HandOver> {
  requirePermission(ctx.actor, 'users.manage');
  return inTransaction(ctx, async (tx) => {
    const { workspaceId } = tx.actor;
    const current = await getMember(tx, userId);
    if (current.version !== version) throw versionConflict(current);
    if (userId === tx.actor.userId) {
      throw refuse('userId', 'You cannot deactivate yourself', 'self');
    }
    if (current.deactivatedAt !== null) {
      throw refuse('userId', 'This person is deactivated already', 'already_deactivated');
    }
    if (current.role === 'admin' && (await countAdmins(tx.db, workspaceId)) <= 1) {
      throw refuse('userId', 'A workspace needs at least one admin', 'last_admin');
    }
    const successor = await getMember(tx, input.handToUserId).catch(() => null);
    if (!successor || successor.deactivatedAt !== null || successor.id === userId) {
      throw new DomainError('VALIDATION_FAILED', 'Hand the work to an active member', [
        {
          path: ['handToUserId'],
          message: 'Not an active member of this workspace',
          code: 'unknown_reference',
        },
      ]);
    }
    const changed = await updateAtVersion(tx.db, 'memberships', workspaceId, userId, version, {
      deactivated_at: tx.now,
    });
    if (changed === 0) throw versionConflict(current);
    const deals = await listOpenDealsOwnedBy(tx.db, workspaceId, userId);
    for (const deal of deals) {
      const isApplied = await applyDealChange(
        tx.db,
        authorOf(tx),
        deal,
        { owner_id: successor.id, updated_at: tx.now },
        null,
      );
      if (!isApplied) throw versionConflict(current);
    }
    const move = { from: userId, to: successor.id, now: tx.now };
    return {
      deals: deals.length,
      activities: await handOverOpenActivities(tx.db, workspaceId, userId, successor.id, tx.now),
      companies: await handOverRecords(tx.db, 'companies', workspaceId, move),
      contacts: await handOverRecords(tx.db, 'contacts', workspaceId, move),
      sessionsEnded: await deleteSessionsIn(tx.db, workspaceId, userId),
      tokensRevoked: await revokeTokensMadeBy(tx.db, workspaceId, userId, tx.now),
      member: await getMember(tx, userId),
    };
  });
}
