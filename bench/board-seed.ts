/**
 * A SQLite file holding one workspace whose default pipeline has `dealCount` open deals, each
 * with its opening history row: what the browser benchmarks open. With `oneStage`, every deal
 * sits in the first stage (one very long column); else they spread over the open stages.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/db/connection.js';
import { newId } from '../src/db/id.js';
import { optimizeDatabase } from '../src/db/maintenance.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import { buildSearchText } from '../src/domain/search-text.js';
import { orderStages } from '../src/domain/stage.js';
import { addUserToWorkspace } from '../src/services/access/user.service.js';
import { createWorkspace } from '../src/services/access/workspace.service.js';
import { insertInChunks } from './batch-insert.js';

export const BENCH_EMAIL = 'bench@example.com';
export const BENCH_PASSWORD = 'a long enough password';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function seedBoard(
  dealCount: number,
  options: { oneStage?: boolean } = {},
): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'qanat-browser-bench-'));
  const file = join(dir, 'qanat.sqlite');
  const db = connect({ kind: 'sqlite', file });
  await migrateToLatest(db);
  const now = Date.now();
  const workspace = await createWorkspace(db, { name: 'Browser bench' }, now);
  const admin = await addUserToWorkspace(
    db,
    workspace.id,
    { email: BENCH_EMAIL, name: 'Bench', password: BENCH_PASSWORD, role: 'admin' },
    now,
  );
  const pipeline = await findDefaultPipeline(db, workspace.id);
  if (!pipeline) throw new Error('no pipeline');
  const openStages = orderStages(await listStages(db, workspace.id, pipeline.id)).filter(
    (s) => s.kind === 'open',
  );
  const deals = [];
  const history = [];
  for (let i = 0; i < dealCount; i += 1) {
    const stage = openStages[options.oneStage ? 0 : i % openStages.length];
    if (!stage) throw new Error('no stage');
    const id = newId();
    const at = now - (i % 90) * 86_400_000;
    const title = `Deal ${i + 1}`;
    deals.push({
      id,
      workspace_id: workspace.id,
      pipeline_id: pipeline.id,
      stage_id: stage.id,
      title,
      company_id: null,
      owner_id: admin.id,
      amount_minor: 100_000 + i * 37,
      currency: 'USD',
      amount_source: 'estimate',
      expected_close_date: null,
      probability_override: null,
      source: null,
      status: 'open',
      lost_reason_id: null,
      lost_note: null,
      opened_at: at,
      closed_at: null,
      stage_entered_at: at,
      last_activity_at: null,
      search_text: buildSearchText(title),
      created_at: at,
      updated_at: at + i,
      deleted_at: null,
      version: 1,
    });
    history.push({
      id: newId(),
      workspace_id: workspace.id,
      deal_id: id,
      from_stage_id: null,
      to_stage_id: stage.id,
      from_status: null,
      to_status: 'open',
      at,
      actor_user_id: admin.id,
      reason: null,
      lost_reason_id: null,
    });
  }
  await insertInChunks(db, 'deals', deals);
  await insertInChunks(db, 'stage_history', history);
  await optimizeDatabase(db);
  await db.destroy();
  return { dir, file };
}
