import { type Migration, type MigrationResult, Migrator } from 'kysely';
import type { Db } from './connection.js';
import * as initial from './migrations/2026-11-26-0001-initial.js';
import * as jobsAndSnapshots from './migrations/2026-11-26-0002-jobs-and-snapshots.js';
import * as teamsAndTargets from './migrations/2026-11-26-0003-teams-and-targets.js';
import * as historyStepsIndex from './migrations/2026-11-26-0004-history-steps-index.js';
import * as externalRefs from './migrations/2026-11-26-0005-external-refs.js';
import * as memberAndLostReasonVersions from './migrations/2026-12-02-0006-member-and-lost-reason-versions.js';
import * as activitySearchText from './migrations/2026-12-02-0007-activity-search-text.js';
import * as dealItemsAndMerges from './migrations/2026-12-02-0008-deal-items-and-merges.js';
import * as customFields from './migrations/2026-12-02-0009-custom-fields.js';
import * as savedViews from './migrations/2026-12-02-0010-saved-views.js';
import * as fieldHistoryAndCalls from './migrations/2026-12-02-0011-field-history-and-calls.js';
import * as pipelineReviews from './migrations/2026-12-04-0012-pipeline-reviews.js';
import * as staleDigests from './migrations/2026-12-04-0013-stale-digests.js';
import * as dealQualifications from './migrations/2026-12-04-0014-deal-qualifications.js';
import * as requalification from './migrations/2026-12-04-0015-requalification.js';
import * as afterSale from './migrations/2026-12-04-0016-after-sale.js';
import * as memberDeactivation from './migrations/2026-12-04-0017-member-deactivation.js';
import * as icp from './migrations/2026-12-04-0018-icp.js';

/** Every migration, in order. Names are date-prefixed and never change once released. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26-0001-initial': initial,
  '2026-11-26-0002-jobs-and-snapshots': jobsAndSnapshots,
  '2026-11-26-0003-teams-and-targets': teamsAndTargets,
  '2026-11-26-0004-history-steps-index': historyStepsIndex,
  '2026-11-26-0005-external-refs': externalRefs,
  '2026-12-02-0006-member-and-lost-reason-versions': memberAndLostReasonVersions,
  '2026-12-02-0007-activity-search-text': activitySearchText,
  '2026-12-02-0008-deal-items-and-merges': dealItemsAndMerges,
  '2026-12-02-0009-custom-fields': customFields,
  '2026-12-02-0010-saved-views': savedViews,
  '2026-12-02-0011-field-history-and-calls': fieldHistoryAndCalls,
  '2026-12-04-0012-pipeline-reviews': pipelineReviews,
  '2026-12-04-0013-stale-digests': staleDigests,
  '2026-12-04-0014-deal-qualifications': dealQualifications,
  '2026-12-04-0015-requalification': requalification,
  '2026-12-04-0016-after-sale': afterSale,
  '2026-12-04-0017-member-deactivation': memberDeactivation,
  '2026-12-04-0018-icp': icp,
};

export interface MigrateOutcome {
  applied: string[];
}

/** Brings the schema up to date; safe to call on every start (already-applied steps are skipped). */
export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
  return {
    applied: (results ?? [])
      .filter((r: MigrationResult) => r.status === 'Success')
      .map((r) => r.migrationName),
  };
}
