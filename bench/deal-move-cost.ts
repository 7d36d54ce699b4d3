/**
 * What the field history costs on the path a deal takes when someone works it: an update through
 * the real use-case (updateDeal) followed by a move to the next stage (moveDealToStage), timed
 * per operation, once with a tracked field changed (the amount cut by 10%: one deal_field_history
 * row) and once with no tracked field changed (the same amount sent back: the same UPDATE, no
 * field-history row). Each operation takes a fresh open deal, the two sides alternating over an
 * even spread of the dataset's deals, so both see the same mix of stages and table positions.
 *
 * The dataset stays reusable: on SQLite the operations run on a copy of the file, removed
 * afterwards (each one commits as it would in the app); on PostgreSQL inside one transaction
 * that is rolled back at the end (so nothing commits).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { connect, type Db } from '../src/db/connection.js';
import { findDefaultPipeline, listStages } from '../src/db/pipeline.repository.js';
import { orderStages } from '../src/domain/stage.js';
import type { ServiceContext } from '../src/services/context.service.js';
import { moveDealToStage } from '../src/services/deals/deal-move.service.js';
import { updateDeal } from '../src/services/deals/deal.service.js';
import { summarize, type TimingStats } from './timing.js';

export interface MoveCostSide {
  stats: TimingStats;
  /** Rows the warm-up and timed operations of this side wrote (checked before reporting). */
  fieldHistoryRows: number;
  stageHistoryRows: number;
}

export interface MoveCost {
  withHistory: MoveCostSide;
  withoutHistory: MoveCostSide;
  /** Where the operations ran, for the report. */
  where: string;
  /** Untimed operations per side before the timed ones. */
  warmup: number;
}

export interface MoveCostOptions {
  /** Timed operations per side (fewer when the dataset has too few movable deals). */
  moves: number;
  warmup: number;
}

interface Candidate {
  id: string;
  version: number;
  amount: number;
  nextStageId: string;
}

/** Runs `work` on a throwaway copy of the data: a copy of the SQLite file, or a rolled-back transaction. */
async function onScratch<T>(
  db: Db,
  sqliteFile: string | null,
  work: (scratch: Db) => Promise<T>,
): Promise<{ result: T; where: string }> {
  if (sqliteFile !== null) {
    // Everything into the main file first, so copying it alone copies the whole database.
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
    const copy = `${sqliteFile.replace(/\.sqlite$/, '')}.move-scratch.sqlite`;
    copyFileSync(sqliteFile, copy);
    const scratch = connect({ kind: 'sqlite', file: copy });
    try {
      return {
        result: await work(scratch),
        where: `a copy of ${sqliteFile}, removed afterwards; each operation commits`,
      };
    } finally {
      await scratch.destroy();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
    }
  }
  const trx = await db.startTransaction().execute();
  try {
    return {
      result: await work(trx),
      where: 'one PostgreSQL transaction, rolled back afterwards; operations do not commit',
    };
  } finally {
    await trx.rollback().execute();
  }
}

/**
 * Open live deals of the default pipeline with an amount that can move one stage forward with
 * the default exit criteria met: from Lead generation or Prospecting (no criteria), Initial
 * contact (needs the amount they have) or Proposal with an expected close date. `count` of them,
 * evenly spread over the deals in id (opening) order.
 */
async function pickCandidates(db: Db, workspaceId: string, count: number): Promise<Candidate[]> {
  const pipeline = await findDefaultPipeline(db, workspaceId);
  if (!pipeline) throw new Error('The bench workspace has no default pipeline');
  const stages = orderStages(await listStages(db, workspaceId, pipeline.id));
  const id = (index: number) => {
    const stage = stages[index];
    if (!stage) throw new Error('The move benchmark expects the default seven-stage pipeline');
    return stage.id;
  };
  const next = new Map([
    [id(0), id(1)],
    [id(1), id(2)],
    [id(3), id(4)],
    [id(4), id(5)],
  ]);
  const rows = await db
    .selectFrom('deals')
    .select(['id', 'version', 'amount_minor', 'stage_id'])
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', '=', pipeline.id)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'open')
    .where('amount_minor', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('stage_id', 'in', [id(0), id(1), id(3)]),
        eb.and([eb('stage_id', '=', id(4)), eb('expected_close_date', 'is not', null)]),
      ]),
    )
    .orderBy('id')
    .execute();
  const step = Math.max(1, rows.length / count);
  const picked: Candidate[] = [];
  for (let i = 0; i < count && Math.floor(i * step) < rows.length; i += 1) {
    const row = rows[Math.floor(i * step)];
    const nextStageId = row && next.get(row.stage_id);
    if (!row || !nextStageId || row.amount_minor === null) continue;
    picked.push({ id: row.id, version: row.version, amount: row.amount_minor, nextStageId });
  }
  return picked;
}

/** The amount less 10%, in whole units, never equal to the amount it replaces. */
function cutAmount(amount: number): number {
  const cut = Math.round((amount * 0.9) / 100) * 100;
  return cut === amount ? amount + 100 : cut;
}

/** Times the deal-move path with and without a field-history row, per operation. */
export async function measureMoveCost(
  db: Db,
  sqliteFile: string | null,
  context: Omit<ServiceContext, 'db'>,
  options: MoveCostOptions,
): Promise<MoveCost> {
  const { result, where } = await onScratch(db, sqliteFile, async (scratch) => {
    const ctx: ServiceContext = { ...context, db: scratch };
    const wanted = 2 * (options.moves + options.warmup);
    const candidates = await pickCandidates(scratch, context.actor.workspaceId, wanted);
    const rounds = Math.floor(candidates.length / 2);
    // A small dataset has few movable deals: keep at least two thirds of them for timing.
    const warmup = Math.min(options.warmup, Math.floor(rounds / 3));
    if (rounds - warmup < 1) {
      throw new Error(`Only ${candidates.length} movable deals: too few to time a move`);
    }
    // Each side's history rows, counted before and after: what its operations wrote.
    const historyRows = async (table: 'deal_field_history' | 'stage_history', ids: string[]) =>
      Number(
        (
          await scratch
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('workspace_id', '=', context.actor.workspaceId)
            .where('deal_id', 'in', ids)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const sideIds = (offset: number) =>
      candidates.filter((_, i) => i % 2 === offset && i < 2 * rounds).map((c) => c.id);
    const before = async (ids: string[]) => ({
      field: await historyRows('deal_field_history', ids),
      stage: await historyRows('stage_history', ids),
    });
    const beforeWith = await before(sideIds(0));
    const beforeWithout = await before(sideIds(1));
    const durations = { with: [] as number[], without: [] as number[] };
    const operate = async (deal: Candidate, changesAmount: boolean) => {
      const started = performance.now();
      const updated = await updateDeal(ctx, deal.id, deal.version, {
        amountMinor: changesAmount ? cutAmount(deal.amount) : deal.amount,
      });
      await moveDealToStage(ctx, deal.id, updated.version, { stageId: deal.nextStageId });
      return performance.now() - started;
    };
    for (let round = 0; round < rounds; round += 1) {
      const withDeal = candidates[2 * round];
      const withoutDeal = candidates[2 * round + 1];
      if (!withDeal || !withoutDeal) break;
      // Alternate which side goes first, as timePair does.
      let withMs: number;
      let withoutMs: number;
      if (round % 2 === 0) {
        withMs = await operate(withDeal, true);
        withoutMs = await operate(withoutDeal, false);
      } else {
        withoutMs = await operate(withoutDeal, false);
        withMs = await operate(withDeal, true);
      }
      if (round < warmup) continue;
      durations.with.push(withMs);
      durations.without.push(withoutMs);
    }
    const side = async (
      ids: string[],
      was: { field: number; stage: number },
      times: number[],
    ): Promise<MoveCostSide> => ({
      stats: summarize(times),
      fieldHistoryRows: (await historyRows('deal_field_history', ids)) - was.field,
      stageHistoryRows: (await historyRows('stage_history', ids)) - was.stage,
    });
    return {
      withHistory: await side(sideIds(0), beforeWith, durations.with),
      withoutHistory: await side(sideIds(1), beforeWithout, durations.without),
      operations: rounds,
      warmup,
    };
  });
  // Before any time is reported: each side did what it says, one move per operation, and only
  // the side with the change wrote field history (one row per operation).
  const { operations } = result;
  const problems = [
    result.withHistory.stageHistoryRows !== operations && 'with-history side: stage rows',
    result.withoutHistory.stageHistoryRows !== operations && 'without-history side: stage rows',
    result.withHistory.fieldHistoryRows !== operations && 'with-history side: field rows',
    result.withoutHistory.fieldHistoryRows !== 0 && 'without-history side: field rows',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new Error(
      `Deal-move benchmark wrote unexpected rows (${problems.join(', ')}): ` +
        JSON.stringify(result),
    );
  }
  return {
    withHistory: result.withHistory,
    withoutHistory: result.withoutHistory,
    where,
    warmup: result.warmup,
  };
}
