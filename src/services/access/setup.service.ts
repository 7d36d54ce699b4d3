import type { Db } from '../../db/connection.js';
import { countWorkspaces, lockFirstRunSetup } from '../../db/workspace.repository.js';
import { DomainError } from '../../domain/errors.js';
import { addUserToWorkspace } from './user.service.js';
import { createWorkspace, type WorkspaceSettings } from './workspace.service.js';

export interface SetupInput {
  workspace: Partial<WorkspaceSettings> & { name: string };
  admin: { email: string; name: string; password: string; locale?: 'en' | 'ar' | null };
}

export async function isSetupNeeded(db: Db): Promise<boolean> {
  return (await countWorkspaces(db)) === 0;
}

/**
 * First run: creates the workspace and its first admin. Only allowed while the database has no
 * workspace at all, and done in one transaction so two racing first-runs cannot both win.
 */
export async function setUpFirstWorkspace(db: Db, input: SetupInput, now: number) {
  return db.transaction().execute(async (trx) => {
    await lockFirstRunSetup(trx);
    if (!(await isSetupNeeded(trx))) {
      throw new DomainError('SETUP_ALREADY_DONE', 'This Qanat is already set up; sign in instead');
    }
    const workspace = await createWorkspace(trx, input.workspace, now);
    const admin = await addUserToWorkspace(
      trx,
      workspace.id,
      { ...input.admin, role: 'admin' },
      now,
    );
    return { workspace, admin };
  });
}
