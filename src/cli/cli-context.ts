import type { Db } from '../db/connection.js';
import { listMembers } from '../db/user.repository.js';
import type { ServiceContext } from '../services/context.service.js';
import { resolveCliWorkspace } from '../services/access/workspace.service.js';

/**
 * The CLI acts as the workspace's first admin (or as an admin with no user on an empty
 * workspace): whoever runs it has the database file, which is already full access.
 */
export async function cliContext(
  db: Db,
  workspaceSelector: string | undefined,
): Promise<ServiceContext> {
  const now = Date.now();
  const workspace = await resolveCliWorkspace(db, workspaceSelector, now);
  const admin = (await listMembers(db, workspace.id)).find((m) => m.role === 'admin');
  return {
    db,
    now,
    actor: { workspaceId: workspace.id, userId: admin?.id ?? null, role: 'admin' },
  };
}
