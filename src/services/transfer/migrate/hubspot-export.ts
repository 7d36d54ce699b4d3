import { listCell, localInstant, withoutFloatNoise } from '../../../domain/import/export-cells.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import type { SourceDealHistory } from '../../../domain/import/imported-history.js';
import type { ForecastCategory } from '../../../domain/stage.js';
import { type ExportFile, readTable, type TableRow } from './export-folder.js';
import type { MigrationPlan, PlanContext, SourcePipeline, SourceStage } from './migration-plan.js';
import {
  filesByKind,
  headerOf,
  indexBy,
  mostCommon,
  pipelineColumn,
  presentColumns,
  startPlan,
} from './plan-entries.js';

/**
 * A HubSpot export (CRM → Deals / Companies / Contacts → Export, "all properties" with
 * associations): one CSV per object, property labels as headers, instants in the account's time
 * zone without saying so, ids of associated records in "Associated … IDs" columns separated by
 * semicolons, and for every stage of every pipeline a `Date entered "<stage> (<pipeline>)"`
 * column: the stage history. Files are told apart by their headers, whatever they are called.
 * See docs/import.md#hubspot.
 */

const SOURCE = 'hubspot';
const DEFAULT_PIPELINE = 'Sales Pipeline';

/** HubSpot's default sales pipeline, with its default probabilities. */
const DEFAULT_PROBABILITIES: Record<string, number> = {
  'appointment scheduled': 20,
  'qualified to buy': 40,
  'presentation scheduled': 60,
  'decision maker bought-in': 80,
  'contract sent': 90,
};

/** `Date entered "Closed Won (Sales Pipeline)"` → stage and pipeline (straight or curly quotes). */
const DATE_ENTERED = /^Date entered ["“](.+) \(([^()]+)\)["”]$/;

const isWonName = (name: string) => /^(closed\s*)?won$/i.test(name.trim());
const isLostName = (name: string) => /^(closed\s*)?lost$/i.test(name.trim());

/** What a file holds, told by its headers. */
function kindOf(headers: string[]): 'deals' | 'companies' | 'contacts' | null {
  const has = (label: string) => headers.some((h) => headerKey(h) === headerKey(label));
  if (has('Deal Name')) return 'deals';
  if (has('First Name') || (has('Email') && has('Last Name'))) return 'contacts';
  if (has('Company name') || has('Company Domain Name')) return 'companies';
  return null;
}

function forecastCategoryOf(text: string | null, probability: number): ForecastCategory {
  const key = (text ?? '').toLowerCase().replace(/[\s_]/g, '');
  if (key === 'commit' || key === 'closedwon') return 'commit';
  if (key === 'bestcase') return 'best_case';
  if (key === 'pipeline' || key === 'omitted') return 'pipeline';
  if (probability >= 90) return 'commit';
  if (probability >= 60) return 'best_case';
  return 'pipeline';
}

/** HubSpot's deal probability is a fraction (0.2); a percent is taken as it is. */
function percentOf(text: string | null): number | null {
  if (text === null) return null;
  const value = Number(text.replace(/\s*%$/, ''));
  if (!Number.isFinite(value)) return null;
  return Math.round(value <= 1 && !text.includes('%') ? value * 100 : value);
}

interface DealFacts {
  pipelineOf: (row: TableRow) => string;
  /** Per pipeline: the stage names of its `Date entered` columns, in header order. */
  enteredColumns: Map<string, { stage: string; header: string }[]>;
}

/**
 * Each pipeline's stages: the names its `Date entered` columns and its deals' stages give, in
 * the order deals go through them (the mean position of each stage in the deals' histories,
 * then the header order), with the probability and forecast category most of its open deals
 * carry, else HubSpot's default for the name. Won and lost stages are closes, not stages.
 */
function pipelinesOf(
  deals: TableRow[],
  facts: DealFacts,
  histories: Map<string, SourceDealHistory>,
  idHeader: string,
  probabilityHeader: string | null,
  categoryHeader: string | null,
): SourcePipeline[] {
  const result: SourcePipeline[] = [];
  const names = new Map<string, string[]>();
  for (const [pipeline, columns] of facts.enteredColumns) {
    names.set(
      pipeline,
      columns.map((c) => c.stage),
    );
  }
  const byPipeline = new Map<string, TableRow[]>();
  for (const row of deals) {
    const pipeline = facts.pipelineOf(row);
    byPipeline.set(pipeline, [...(byPipeline.get(pipeline) ?? []), row]);
    const stage = row.get('Deal Stage');
    const known = names.get(pipeline) ?? [];
    if (stage && !known.includes(stage)) names.set(pipeline, [...known, stage]);
  }
  for (const [pipeline, stageNames] of names) {
    const rows = byPipeline.get(pipeline) ?? [];
    const positions = new Map<string, number[]>();
    for (const row of rows) {
      const steps = histories.get(row.get(idHeader) ?? '')?.stages ?? [];
      steps.forEach((step, i) => {
        const at = steps.length > 1 ? i / (steps.length - 1) : 0;
        positions.set(step.stage, [...(positions.get(step.stage) ?? []), at]);
      });
    }
    const mean = (name: string) => {
      const list = positions.get(name);
      return list ? list.reduce((a, b) => a + b, 0) / list.length : null;
    };
    const open = stageNames.filter((n) => !isWonName(n) && !isLostName(n));
    const ordered = open
      .map((name, index) => ({ name, index, position: mean(name) }))
      .sort(
        (a, b) =>
          (a.position ?? a.index / Math.max(1, open.length)) -
            (b.position ?? b.index / Math.max(1, open.length)) || a.index - b.index,
      );
    const stages: SourceStage[] = ordered.map(({ name }, i) => {
      const inStage = rows.filter((r) => r.get('Deal Stage') === name);
      const probability =
        mostCommon(
          inStage
            .map((r) => percentOf(probabilityHeader ? r.get(probabilityHeader) : null))
            .filter((p): p is number => p !== null),
        ) ??
        DEFAULT_PROBABILITIES[name.toLowerCase()] ??
        Math.round((100 * (i + 1)) / (ordered.length + 1));
      const clamped = Math.max(0, Math.min(100, probability));
      const category = mostCommon(
        inStage
          .map((r) => (categoryHeader ? r.get(categoryHeader) : null))
          .filter((c): c is string => c !== null),
      );
      return {
        name,
        kind: 'open',
        probability: clamped,
        forecastCategory: forecastCategoryOf(category, clamped),
      };
    });
    const won = stageNames.filter(isWonName);
    stages.push({
      name: won[0] ?? 'Closed Won',
      kind: 'won',
      probability: 100,
      forecastCategory: 'commit',
    });
    result.push({
      name: pipeline,
      stages,
      lostNames: stageNames.filter(isLostName),
      otherWonNames: won.slice(1),
    });
  }
  return result;
}

/** The plan of a HubSpot export folder. */
export async function planHubSpot(
  files: Map<string, ExportFile>,
  mapping: ImportOptions,
  { timeZone }: PlanContext,
): Promise<MigrationPlan> {
  const { notes, misses, entries: plan, add } = startPlan(SOURCE, mapping);
  const { byKind, notRead } = await filesByKind(files, kindOf);
  const companiesFile = byKind.get('companies');
  const contactsFile = byKind.get('contacts');
  const dealsFile = byKind.get('deals');
  const companies = await readTable(companiesFile);
  const contacts = await readTable(contactsFile);
  const deals = await readTable(dealsFile);
  const companyById = indexBy(companies.rows, 'Record ID');
  const companyName = (ids: string | null) => {
    const id = listCell(ids)[0];
    if (id === undefined) return null;
    return companyById.get(id)?.get(headerOf(companies.headers, 'Company name') ?? '') ?? null;
  };
  const cell = (_header: string, text: string) => withoutFloatNoise(text);

  if (companiesFile) {
    const h = (...labels: string[]) => headerOf(companies.headers, ...labels);
    await add({
      kind: 'companies',
      file: companiesFile,
      columns: presentColumns([
        ['Record ID', 'externalId'],
        [h('Company name'), 'name'],
        [h('Company Domain Name', 'Website URL'), 'domain'],
        [h('Industry'), 'sector'],
        [h('Number of Employees'), 'employees'],
        [h('Country/Region', 'Country'), 'country'],
        [h('Company owner'), 'owner'],
      ]),
      preparation: { cell },
    });
  }
  if (contactsFile) {
    const h = (...labels: string[]) => headerOf(contacts.headers, ...labels);
    const companyIds = h('Associated Company IDs (Primary)', 'Associated Company IDs');
    const companyText = h('Company Name', 'Associated Company');
    await add({
      kind: 'contacts',
      file: contactsFile,
      columns: presentColumns([
        ['Record ID', 'externalId'],
        [h('First Name'), 'firstName'],
        [h('Last Name'), 'lastName'],
        [h('Email'), 'email'],
        [h('Job Title'), 'jobTitle'],
        [h('Contact owner'), 'owner'],
      ]),
      derived: [
        {
          header: 'Phones (Phone Number, Mobile Phone Number)',
          field: 'phone',
          value: (get) =>
            [get('Phone Number'), get('Mobile Phone Number')].filter(Boolean).join('; ') || null,
        },
        {
          header: 'Company (Associated Company IDs)',
          field: 'company',
          value: (get) =>
            (companyIds ? companyName(get(companyIds)) : null) ??
            (companyText ? get(companyText) : null),
        },
      ],
      preparation: { cell },
    });
  }

  let pipelines: SourcePipeline[] = [];
  const dealContacts: MigrationPlan['dealContacts'] = [];
  if (dealsFile) {
    const headers = deals.headers;
    const h = (...labels: string[]) => headerOf(headers, ...labels);
    const idHeader = h('Record ID') ?? 'Record ID';
    const pipelineHeader = h('Pipeline');
    const pipelineOf = (row: TableRow) =>
      (pipelineHeader ? row.get(pipelineHeader) : null) ?? DEFAULT_PIPELINE;
    const enteredColumns = new Map<string, { stage: string; header: string }[]>();
    for (const header of headers) {
      const match = DATE_ENTERED.exec(header.trim());
      if (!match?.[1] || !match[2]) continue;
      const columns = enteredColumns.get(match[2]) ?? [];
      columns.push({ stage: match[1], header });
      enteredColumns.set(match[2], columns);
    }
    const histories = new Map<string, SourceDealHistory>();
    for (const row of deals.rows) {
      const id = row.get(idHeader);
      if (!id) continue;
      const steps: SourceDealHistory['stages'] = [];
      for (const { stage, header } of enteredColumns.get(pipelineOf(row)) ?? []) {
        const at = localInstant(row.get(header), timeZone);
        if (at !== null) steps.push({ stage, at });
      }
      steps.sort((a, b) => a.at - b.at);
      if (steps.length > 0) histories.set(id, { stages: steps, fields: [] });
      for (const contactId of listCell(row.get(h('Associated Contact IDs') ?? ''))) {
        dealContacts.push({ dealId: id, contactId, role: null });
      }
    }
    if (enteredColumns.size === 0) {
      notes.add(
        'no_stage_history',
        'The deals file has no "Date entered" columns: each deal opens in its stage on its ' +
          'Create Date (export with "all properties" to keep the stage history)',
      );
    }
    const probabilityHeader = h('Deal probability');
    pipelines = pipelinesOf(
      deals.rows,
      { pipelineOf, enteredColumns },
      histories,
      idHeader,
      probabilityHeader,
      h('Forecast category'),
    );
    const stageValues: Record<string, string> = {};
    for (const p of pipelines) {
      for (const name of p.lostNames) stageValues[name] = 'lost';
      for (const name of p.otherWonNames) stageValues[name] = 'won';
    }
    const companyIds = h('Associated Company IDs (Primary)', 'Associated Company IDs');
    const companyText = h('Associated Company', 'Associated Company (Primary)');
    await add({
      kind: 'deals',
      file: dealsFile,
      columns: presentColumns([
        [idHeader, 'externalId'],
        [h('Deal Name'), 'title'],
        [h('Amount'), 'amount'],
        [h('Currency'), 'currency'],
        [h('Deal Stage'), 'stage'],
        [h('Close Date'), 'closeDate'],
        [h('Create Date'), 'openedAt'],
        [h('Deal owner'), 'owner'],
        [h('Closed Lost Reason'), 'lostReason'],
        [h('Original Source Type', 'Deal source'), 'source'],
      ]),
      derived: [
        {
          header: 'Company (Associated Company IDs)',
          field: 'company',
          value: (get) =>
            (companyIds ? companyName(get(companyIds)) : null) ??
            (companyText ? get(companyText) : null),
        },
        {
          header: 'Status (Deal Stage)',
          field: 'status',
          value: (get) => {
            const stage = get(h('Deal Stage') ?? '') ?? '';
            if (isWonName(stage)) return 'won';
            if (isLostName(stage)) return 'lost';
            return stage === '' ? null : 'open';
          },
        },
        {
          header: 'Probability (Deal probability)',
          field: 'probability',
          value: (get) => {
            const percent = percentOf(probabilityHeader ? get(probabilityHeader) : null);
            return percent === null ? null : String(percent);
          },
        },
        pipelineColumn(mapping, pipelineHeader, DEFAULT_PIPELINE),
      ],
      preparation: { cell },
      options: { values: { stage: stageValues } },
      dealHistories: histories,
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
