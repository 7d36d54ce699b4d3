import { listPipelines } from '../../db/pipeline.repository.js';
import { listMembers } from '../../db/user.repository.js';
import { DomainError } from '../../domain/errors.js';
import type { ServiceContext } from '../context.service.js';

/**
 * Reads the selectors a person types (`qanat metrics --pipeline Sales --owner sara@…`): a
 * pipeline by id or name (English or Arabic), an owner by id or email.
 */
export async function resolveMetricsSelectors(
  ctx: ServiceContext,
  selectors: { pipeline?: string | undefined; owner?: string | undefined },
): Promise<{ pipelineId?: string; ownerId?: string }> {
  const { workspaceId } = ctx.actor;
  const resolved: { pipelineId?: string; ownerId?: string } = {};
  const wanted = selectors.pipeline?.trim();
  if (wanted) {
    const name = wanted.toLowerCase();
    const pipeline = (await listPipelines(ctx.db, workspaceId)).find(
      (p) => p.id === wanted || p.name_en.toLowerCase() === name || p.name_ar === wanted,
    );
    if (!pipeline) {
      throw new DomainError('VALIDATION_FAILED', `No pipeline ${wanted}`, [
        { path: ['pipeline'], message: 'Not the id or name of a pipeline of this workspace' },
      ]);
    }
    resolved.pipelineId = pipeline.id;
  }
  const owner = selectors.owner?.trim();
  if (owner) {
    const email = owner.toLowerCase();
    const member = (await listMembers(ctx.db, workspaceId)).find(
      (m) => m.id === owner || m.email === email,
    );
    if (!member) {
      throw new DomainError('VALIDATION_FAILED', `No member ${owner}`, [
        { path: ['owner'], message: 'Not the id or email of a member of this workspace' },
      ]);
    }
    resolved.ownerId = member.id;
  }
  return resolved;
}
