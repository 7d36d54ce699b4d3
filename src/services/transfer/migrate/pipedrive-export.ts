import { withoutFloatNoise } from '../../../domain/import/export-cells.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import type { ImportKind } from '../../../domain/import/import-fields.js';
import { type ExportFile, readTable, type TableRow } from './export-folder.js';
import type { MigrationPlan, PlanContext, SourcePipeline } from './migration-plan.js';
import {
  filesByKind,
  headerOf,
  headersOf,
  mostCommon,
  pipelineColumn,
  presentColumns,
  startPlan,
} from './plan-entries.js';

/**
 * A Pipedrive export (each list view → Export: Deals, Organizations, People, Activities,
 * Products): one CSV per list, every header prefixed by its object (`Deal - Title`,
 * `Organization - Name`), instants in the user's time zone without saying so, won and lost as
 * statuses with the deal left in the stage it closed from. Pipedrive keeps no stage history in
 * its exports beyond each deal's `Last stage change`. See docs/import.md#pipedrive.
 */

const SOURCE = 'pipedrive';
const DEFAULT_PIPELINE = 'Pipeline';
const WON_STAGE = 'Won';

/** Pipedrive's default pipeline, in order, with the probabilities it gives its stages. */
const DEFAULT_STAGES: Record<string, number> = {
  'lead in': 10,
  qualified: 20,
  'contact made': 40,
  'demo scheduled': 60,
  'proposal made': 75,
  'negotiations started': 90,
};
const DEFAULT_ORDER = Object.keys(DEFAULT_STAGES);

const PREFIXES: Record<string, Exclude<ImportKind, 'users'>> = {
  deal: 'deals',
  organization: 'companies',
  person: 'contacts',
  activity: 'activities',
  product: 'products',
};

/** What a file holds: the object most of its headers are prefixed with. */
function kindOf(headers: string[]): Exclude<ImportKind, 'users'> | null {
  const counts = new Map<string, number>();
  for (const header of headers) {
    const prefix = /^([A-Za-z]+) - /.exec(header.trim())?.[1]?.toLowerCase();
    if (prefix && prefix in PREFIXES) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  const top = mostCommon(
    [...counts.entries()].flatMap(([prefix, count]) => Array<string>(count).fill(prefix)),
  );
  return top ? (PREFIXES[top] ?? null) : null;
}

/**
 * Each pipeline's stages from its deals' stages: Pipedrive's default stages in their order,
 * others after them by the probability most of their deals carry, then as first seen. Every
 * pipeline gets a won stage, as Pipedrive's won deals stay in the stage they were won from.
 */
function pipelinesOf(
  deals: TableRow[],
  h: (...labels: string[]) => string | null,
): SourcePipeline[] {
  const stagesOf = new Map<string, Map<string, number[]>>();
  for (const row of deals) {
    const pipeline = row.get(h('Deal - Pipeline') ?? '') ?? DEFAULT_PIPELINE;
    const stage = row.get(h('Deal - Stage') ?? '');
    if (!stage) continue;
    const stages = stagesOf.get(pipeline) ?? new Map<string, number[]>();
    const probability = Number(row.get(h('Deal - Probability') ?? '') ?? Number.NaN);
    stages.set(stage, [
      ...(stages.get(stage) ?? []),
      ...(Number.isFinite(probability) ? [probability] : []),
    ]);
    stagesOf.set(pipeline, stages);
  }
  return [...stagesOf].map(([name, stages]) => {
    const found = [...stages.keys()].map((stage, seen) => {
      const known = DEFAULT_STAGES[stage.toLowerCase()];
      const probability = known ?? mostCommon(stages.get(stage) ?? []);
      const order = DEFAULT_ORDER.indexOf(stage.toLowerCase());
      return { stage, seen, order: order < 0 ? null : order, probability };
    });
    found.sort(
      (a, b) =>
        (a.order ?? 100) - (b.order ?? 100) ||
        (a.probability ?? 0) - (b.probability ?? 0) ||
        a.seen - b.seen,
    );
    return {
      name,
      stages: [
        ...found.map((s, i) => {
          const probability = Math.max(
            0,
            Math.min(100, Math.round(s.probability ?? (100 * (i + 1)) / (found.length + 1))),
          );
          return {
            name: s.stage,
            kind: 'open' as const,
            probability,
            forecastCategory:
              probability >= 90
                ? ('commit' as const)
                : probability >= 60
                  ? ('best_case' as const)
                  : ('pipeline' as const),
          };
        }),
        { name: WON_STAGE, kind: 'won', probability: 100, forecastCategory: 'commit' },
      ],
      lostNames: [],
      otherWonNames: [],
    };
  });
}

/** The plan of a Pipedrive export folder. */
export async function planPipedrive(
  files: Map<string, ExportFile>,
  mapping: ImportOptions,
  _context: PlanContext,
): Promise<MigrationPlan> {
  const { notes, misses, entries: plan, add } = startPlan(SOURCE, mapping);
  const { byKind, notRead } = await filesByKind(files, kindOf);
  const cell = (_header: string, text: string) => withoutFloatNoise(text);
  const headersFor = async (file: ExportFile) => {
    const headers = await headersOf(file);
    return (...labels: string[]) => headerOf(headers, ...labels);
  };

  const organizations = byKind.get('companies');
  if (organizations) {
    const h = await headersFor(organizations);
    await add({
      kind: 'companies',
      file: organizations,
      columns: presentColumns([
        [h('Organization - ID'), 'externalId'],
        [h('Organization - Name'), 'name'],
        [h('Organization - Website'), 'domain'],
        [h('Organization - Industry'), 'sector'],
        [h('Organization - Number of employees'), 'employees'],
        [h('Organization - Address - Country', 'Organization - Country'), 'country'],
        [h('Organization - Owner'), 'owner'],
      ]),
      preparation: { cell },
    });
  }
  const people = byKind.get('contacts');
  const personByName = new Map<string, string | null>();
  if (people) {
    const h = await headersFor(people);
    const table = await readTable(people);
    for (const row of table.rows) {
      const name = row.get(h('Person - Name') ?? '');
      const id = row.get(h('Person - ID') ?? '');
      if (!name || !id) continue;
      const key = headerKey(name);
      // Two people of one name: a deal's "Contact person" cannot say which.
      personByName.set(key, personByName.has(key) ? null : id);
    }
    const name = h('Person - Name');
    const first = h('Person - First name');
    const last = h('Person - Last name');
    await add({
      kind: 'contacts',
      file: people,
      columns: presentColumns([
        [h('Person - ID'), 'externalId'],
        [first, 'firstName'],
        [last, 'lastName'],
        [first || last ? null : name, 'name'],
        [h('Person - Email - Work', 'Person - Email'), 'email'],
        [h('Person - Phone - Work', 'Person - Phone'), 'phone'],
        [h('Person - Job title'), 'jobTitle'],
        [h('Person - Organization'), 'company'],
        [h('Person - Owner'), 'owner'],
      ]),
      preparation: { cell },
    });
  }
  const products = byKind.get('products');
  if (products) {
    const h = await headersFor(products);
    await add({
      kind: 'products',
      file: products,
      columns: presentColumns([
        [h('Product - ID'), 'externalId'],
        [h('Product - Name'), 'name'],
        [h('Product - Category'), 'series'],
        [h('Product - Unit price', 'Product - Price'), 'listPrice'],
        [h('Product - Currency'), 'currency'],
      ]),
      preparation: { cell },
    });
  }

  let pipelines: SourcePipeline[] = [];
  const dealContacts: MigrationPlan['dealContacts'] = [];
  const dealsFile = byKind.get('deals');
  if (dealsFile) {
    const h = await headersFor(dealsFile);
    const deals = await readTable(dealsFile);
    pipelines = pipelinesOf(deals.rows, h);
    const contactHeader = h('Deal - Contact person');
    let unplaced = 0;
    for (const row of deals.rows) {
      const id = row.get(h('Deal - ID') ?? '');
      const person = contactHeader ? row.get(contactHeader) : null;
      if (!id || !person) continue;
      const contactId = personByName.get(headerKey(person));
      if (contactId) dealContacts.push({ dealId: id, contactId, role: null });
      else unplaced += 1;
    }
    if (unplaced > 0) {
      notes.add(
        'contact_person_not_found',
        'Deals whose "Contact person" is nobody (or more than one person) in the people file ' +
          'were imported without that contact',
        unplaced,
      );
    }
    notes.add(
      'no_stage_history',
      'Pipedrive exports no stage history: each deal opens in its stage on its "Deal created" ' +
        'time and closes at its won or lost time',
    );
    const pipelineHeader = h('Deal - Pipeline');
    await add({
      kind: 'deals',
      file: dealsFile,
      columns: presentColumns([
        [h('Deal - ID'), 'externalId'],
        [h('Deal - Title'), 'title'],
        [h('Deal - Value'), 'amount'],
        [h('Deal - Currency'), 'currency'],
        [h('Deal - Stage'), 'stage'],
        [h('Deal - Status'), 'status'],
        [h('Deal - Organization'), 'company'],
        [h('Deal - Owner'), 'owner'],
        [h('Deal - Deal created', 'Deal - Add time'), 'openedAt'],
        [h('Deal - Expected close date'), 'expectedCloseDate'],
        [h('Deal - Won time'), 'wonAt'],
        [h('Deal - Lost time'), 'lostAt'],
        [h('Deal - Lost reason'), 'lostReason'],
        [h('Deal - Probability'), 'probability'],
        [h('Deal - Source origin', 'Deal - Source'), 'source'],
      ]),
      derived: [pipelineColumn(mapping, pipelineHeader, DEFAULT_PIPELINE)],
      preparation: { cell },
    });
  }
  const activities = byKind.get('activities');
  if (activities) {
    const h = await headersFor(activities);
    const dueDate = h('Activity - Due date');
    const dueTime = h('Activity - Due time');
    const type = h('Activity - Type');
    const done = h('Activity - Done');
    await add({
      kind: 'activities',
      file: activities,
      columns: presentColumns([
        [h('Activity - ID'), 'externalId'],
        [h('Activity - Subject'), 'subject'],
        [h('Activity - Note'), 'note'],
        [h('Activity - Marked as done time'), 'doneAt'],
        [h('Deal - ID', 'Activity - Deal ID'), 'deal'],
        [h('Activity - Person', 'Person - Name'), 'contact'],
        [h('Activity - Organization', 'Organization - Name'), 'company'],
        [h('Activity - Assigned to user', 'Activity - Owner'), 'owner'],
      ]),
      derived: [
        {
          header: 'Kind (Activity - Type)',
          field: 'kind',
          value: (get) => {
            const text = (type ? get(type) : null)?.toLowerCase() ?? '';
            if (text.includes('call')) return 'call';
            if (text.includes('email')) return 'email';
            if (text.includes('meeting') || text.includes('lunch')) return 'meeting';
            return 'task';
          },
        },
        {
          header: 'Due (Activity - Due date, Due time)',
          field: 'dueAt',
          value: (get) => {
            const day = dueDate ? get(dueDate) : null;
            const time = dueTime ? get(dueTime) : null;
            return day === null ? null : time === null ? day : `${day} ${time}`;
          },
        },
        {
          header: 'Status (Activity - Done)',
          field: 'status',
          value: (get) => {
            const text = (done ? get(done) : null)?.toLowerCase() ?? '';
            return text === 'done' || text === 'true' || text === '1' ? 'done' : 'open';
          },
        },
      ],
      preparation: { cell },
    });
  }
  return {
    source: SOURCE,
    pipelines,
    entries: plan,
    dealContacts,
    dealItems: [],
    notRead,
    notes,
    likelyMisses: misses,
  };
}
