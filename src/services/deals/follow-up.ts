import { findPipeline } from '../../db/pipeline.repository.js';
import { findUserById } from '../../db/user.repository.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import type { DealRow } from '../../db/schema.js';
import { type FollowUpTask, followUpActivities } from '../../domain/follow-up.js';
import type { ServiceContext } from '../context.service.js';
import { createActivity } from '../records/activity.service.js';

/**
 * After the sale: the won deal's owner gets the tasks of the pipeline's template, worded in
 * the owner's language (else the workspace's), due from the day of the win. Runs in the win's
 * transaction, so a refused win creates nothing and a win creates them once.
 */
export async function createFollowUpTasks(ctx: ServiceContext, deal: DealRow): Promise<void> {
  const { workspaceId } = ctx.actor;
  const pipeline = await findPipeline(ctx.db, workspaceId, deal.pipeline_id);
  const template = JSON.parse(pipeline?.follow_up_tasks ?? '[]') as FollowUpTask[];
  if (template.length === 0) return;
  const workspace = await findWorkspace(ctx.db, workspaceId);
  if (!workspace) return;
  const owner = deal.owner_id ? await findUserById(ctx.db, deal.owner_id) : undefined;
  const language = (owner?.locale ?? workspace.default_locale) === 'ar' ? 'ar' : 'en';
  for (const task of followUpActivities(template, ctx.now, workspace.time_zone, language)) {
    await createActivity(ctx, { ...task, dealId: deal.id, ownerId: deal.owner_id });
  }
}
