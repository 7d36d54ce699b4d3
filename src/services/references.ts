import { findCompany, lockCompany } from '../db/company.repository.js';
import { findContactsByIds } from '../db/contact.repository.js';
import { findDeal } from '../db/deal.repository.js';
import { findMembership } from '../db/user.repository.js';
import { DomainError } from '../domain/errors.js';
import type { ServiceContext } from './context.service.js';

function invalidReference(path: string, what: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${what} not found in this workspace`, [
    { path: [path], message: `${what} not found`, code: 'unknown_reference' },
  ]);
}

/** References in a request must point inside the caller's workspace; else it is a 400. */
export async function assertCompanyExists(ctx: ServiceContext, id: string | null | undefined) {
  if (id && !(await findCompany(ctx.db, ctx.actor.workspaceId, id))) {
    throw invalidReference('companyId', 'Company');
  }
}

/**
 * A deal may name only a live company. Call it inside the transaction that writes the deal: the
 * company row stays locked FOR SHARE until it ends, so a concurrent deleteCompany (which locks it
 * FOR UPDATE before counting the company's deals) either waits and then sees this deal, or has
 * deleted the company first and this check fails as for any unknown company.
 */
export async function assertCompanyLiveForDeal(ctx: ServiceContext, id: string | null | undefined) {
  if (id && !(await lockCompany(ctx.db, ctx.actor.workspaceId, id, 'share'))) {
    throw invalidReference('companyId', 'Company');
  }
}

export async function assertMember(ctx: ServiceContext, userId: string | null | undefined) {
  if (userId && !(await findMembership(ctx.db, ctx.actor.workspaceId, userId))) {
    throw invalidReference('ownerId', 'User');
  }
}

export async function assertDealExists(ctx: ServiceContext, id: string | null | undefined) {
  if (id && !(await findDeal(ctx.db, ctx.actor.workspaceId, id))) {
    throw invalidReference('dealId', 'Deal');
  }
}

export async function assertContactsExist(ctx: ServiceContext, ids: string[], path = 'contacts') {
  const unique = [...new Set(ids)];
  const found = await findContactsByIds(ctx.db, ctx.actor.workspaceId, unique);
  if (found.length !== unique.length) throw invalidReference(path, 'Contact');
  return found;
}
