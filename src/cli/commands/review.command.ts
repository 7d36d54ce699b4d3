import type { Command } from 'commander';
import { REVIEW_SECTIONS, type ReviewSection } from '../../domain/review.js';
import { listPipelineViews } from '../../services/pipeline/pipeline.service.js';
import { getReviewWorklist } from '../../services/review/review.service.js';
import { resolveSelectors } from '../../services/scope.service.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';
import { formatMoney, printTable } from '../text-table.js';

interface ReviewOptions {
  pipeline?: string;
  owner?: string;
  section?: string;
  json?: boolean;
  workspace?: string;
}

const TITLES: Record<ReviewSection, string> = {
  stale: 'Stale: nothing done for longer than the stage allows',
  overdue: 'Overdue: the expected close date has passed',
  noNextStep: 'No next step planned',
  valueUnverified: 'Value not verified with the buyer',
  slipping: 'Slipping: close date pushed later',
};

export function registerReviewCommand(program: Command): void {
  program
    .command('review')
    .description('The pipeline review: stale, overdue, no-next-step, unverified and slipping deals')
    .option('--pipeline <id-or-name>', 'one pipeline (default: every pipeline)')
    .option('--owner <id-or-email>', 'one owner’s deals (default: everyone’s)')
    .option('--section <section>', `one section: ${REVIEW_SECTIONS.join(', ')}`)
    .option('--json', 'print JSON instead of tables')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(async (options: ReviewOptions) => {
      const only = options.section;
      const sections = only ? REVIEW_SECTIONS.filter((s) => s === only) : [...REVIEW_SECTIONS];
      if (sections.length === 0) {
        throw new CliError(`--section must be one of ${REVIEW_SECTIONS.join(', ')}`, 2);
      }
      const db = await openDatabase(loadConfig());
      try {
        const ctx = await cliContext(db, options.workspace);
        const selectors = await resolveSelectors(ctx, {
          pipeline: options.pipeline,
          owner: options.owner,
        });
        const worklist = await getReviewWorklist(ctx, selectors);
        if (options.json) {
          const picked = Object.fromEntries(sections.map((s) => [s, worklist.sections[s]]));
          console.log(JSON.stringify({ ...worklist, sections: picked }, null, 2));
          return;
        }
        const stageName = new Map(
          (await listPipelineViews(ctx)).flatMap((p) => p.stages.map((s) => [s.id, s.nameEn])),
        );
        console.log(`Pipeline review · ${worklist.day} (${worklist.timeZone})`);
        for (const section of sections) {
          const { total, deals } = worklist.sections[section];
          const more = total > deals.length ? `, first ${deals.length} shown` : '';
          printTable(
            `${TITLES[section]} — ${total} deal${total === 1 ? '' : 's'}${more}`,
            ['Deal', 'Stage', 'Days in stage', 'Close date', 'Amount', 'Also'],
            deals.map((d) => [
              d.title,
              stageName.get(d.stageId) ?? d.stageId,
              String(d.daysInStage),
              d.expectedCloseDate ?? '—',
              formatMoney(
                d.amountMinor === null ? null : { minor: d.amountMinor, currency: d.currency },
              ),
              d.sections.filter((s) => s !== section).join(', '),
            ]),
          );
        }
      } finally {
        await db.destroy();
      }
    });
}
