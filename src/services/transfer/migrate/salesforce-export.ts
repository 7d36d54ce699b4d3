import { booleanCell, utcInstant, withoutFloatNoise } from '../../../domain/import/export-cells.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import type {
  SourceDealHistory,
  SourceFieldChange,
} from '../../../domain/import/imported-history.js';
import type { ForecastCategory } from '../../../domain/stage.js';
import { type ExportFile, readTable, type TableRow } from './export-folder.js';
import {
  type LikelyMiss,
  type MigrationPlan,
  type PlanContext,
  type PlanEntry,
  PlanNotes,
  type SourcePipeline,
  type SourceStage,
} from './migration-plan.js';
import { contactRoleOf, headersOf, indexBy, mostCommon, planEntry } from './plan-entries.js';

/**
 * A Salesforce Data Export (Setup → Data Export: one CSV per object, API field names as
 * headers, instants in UTC, booleans 1/0 or true/false, UTF-8 or the org's Windows-1252):
 * User, Account, Contact, Product2 with PricebookEntry, Opportunity with OpportunityStage,
 * OpportunityHistory, OpportunityContactRole and OpportunityLineItem, Task and Event —
 * whichever are present. See docs/import.md#salesforce.
 */

const SOURCE = 'salesforce';
export const SALESFORCE_PIPELINE = 'Salesforce';

const KNOWN_FILES = [
  'user.csv',
  'account.csv',
  'contact.csv',
  'product2.csv',
  'pricebookentry.csv',
  'pricebook2.csv',
  'opportunity.csv',
  'opportunitystage.csv',
  'opportunityhistory.csv',
  'opportunitycontactrole.csv',
  'opportunitylineitem.csv',
  'task.csv',
  'event.csv',
];

/** Salesforce's default sales process, for ordering stages when OpportunityStage is absent. */
const DEFAULT_ORDER = [
  'prospecting',
  'qualification',
  'needs analysis',
  'value proposition',
  'id. decision makers',
  'perception analysis',
  'proposal/price quote',
  'negotiation/review',
  'closed won',
  'closed lost',
];

function forecastCategoryOf(text: string | null, kind: 'open' | 'won'): ForecastCategory {
  const key = (text ?? '').toLowerCase().replace(/\s/g, '');
  if (kind === 'won' || key === 'commit' || key === 'forecast' || key === 'closed') return 'commit';
  if (key === 'bestcase' || key === 'mostlikely') return 'best_case';
  return 'pipeline';
}

/** Every cell: an instant without a zone is UTC; a float's noise is dropped from numbers. */
function salesforceCell(_header: string, text: string): string {
  return withoutFloatNoise(utcInstant(text));
}

const money = (text: string | null) => (text === null ? null : withoutFloatNoise(text));

const isDeleted = (get: (h: string) => string | null) => booleanCell(get('IsDeleted')) === true;

interface StageFacts {
  name: string;
  order: number;
  probability: number | null;
  category: string | null;
  isWon: boolean;
  isLost: boolean;
}

/**
 * The org's stages: OpportunityStage when exported (its SortOrder, DefaultProbability,
 * ForecastCategoryName, IsClosed, IsWon), else what the opportunities and their history say of
 * each stage name — its most common probability and forecast category, whether deals in it
 * are won or closed — in the default process's order, then by probability.
 */
function pipelineOf(
  stageRows: TableRow[],
  opportunities: TableRow[],
  history: TableRow[],
  notes: PlanNotes,
): SourcePipeline {
  const facts = new Map<string, StageFacts>();
  const fact = (name: string): StageFacts => {
    let known = facts.get(name);
    if (!known) {
      const order = DEFAULT_ORDER.indexOf(name.toLowerCase());
      known = {
        name,
        order: order < 0 ? 1000 + facts.size : order,
        probability: null,
        category: null,
        isWon: false,
        isLost: false,
      };
      facts.set(name, known);
    }
    return known;
  };
  if (stageRows.length > 0) {
    for (const row of stageRows) {
      const name = row.get('ApiName') ?? row.get('MasterLabel');
      if (!name || booleanCell(row.get('IsActive')) === false) continue;
      const known = fact(name);
      known.order = Number(row.get('SortOrder') ?? row.get('StageSortOrder') ?? known.order);
      known.probability = Number(row.get('DefaultProbability') ?? 0);
      known.category = row.get('ForecastCategoryName') ?? row.get('ForecastCategory');
      const isClosed = booleanCell(row.get('IsClosed')) === true;
      known.isWon = booleanCell(row.get('IsWon')) === true;
      known.isLost = isClosed && !known.isWon;
    }
  } else {
    const probabilities = new Map<string, number[]>();
    const categories = new Map<string, string[]>();
    for (const row of [...opportunities, ...history]) {
      const name = row.get('StageName');
      if (!name) continue;
      const known = fact(name);
      const probability = row.get('Probability');
      if (probability !== null)
        probabilities.set(name, [...(probabilities.get(name) ?? []), Number(probability)]);
      const category = row.get('ForecastCategoryName') ?? row.get('ForecastCategory');
      if (category) categories.set(name, [...(categories.get(name) ?? []), category]);
      const isWon = booleanCell(row.get('IsWon'));
      const isClosed = booleanCell(row.get('IsClosed'));
      if (isWon) known.isWon = true;
      if (isClosed && isWon === false) known.isLost = true;
    }
    for (const known of facts.values()) {
      known.probability = mostCommon(probabilities.get(known.name) ?? []);
      known.category = mostCommon(categories.get(known.name) ?? []);
      const key = known.name.toLowerCase();
      if (!known.isWon && !known.isLost) {
        known.isWon = /closed\s*won/.test(key) || known.probability === 100;
        known.isLost =
          /closed\s*lost/.test(key) || (known.category ?? '').toLowerCase() === 'omitted';
      }
    }
    notes.add(
      'stages_derived',
      'OpportunityStage.csv is not in the folder: the stages were read from the opportunities ' +
        'and their history, in the default sales process order, then by probability',
    );
  }
  const ordered = [...facts.values()].sort(
    (a, b) => a.order - b.order || (a.probability ?? 0) - (b.probability ?? 0),
  );
  const won = ordered.filter((s) => s.isWon);
  const stages: SourceStage[] = ordered
    .filter((s) => !s.isWon && !s.isLost)
    .map((s) => ({
      name: s.name,
      kind: 'open',
      probability: Math.max(0, Math.min(100, Math.round(s.probability ?? 0))),
      forecastCategory: forecastCategoryOf(s.category, 'open'),
    }));
  const firstWon = won[0]?.name ?? 'Closed Won';
  stages.push({ name: firstWon, kind: 'won', probability: 100, forecastCategory: 'commit' });
  return {
    name: SALESFORCE_PIPELINE,
    stages,
    lostNames: ordered.filter((s) => s.isLost).map((s) => s.name),
    otherWonNames: won.slice(1).map((s) => s.name),
  };
}

/**
 * Each opportunity's history, from OpportunityHistory: the stage of every row at its
 * CreatedDate, and the changes of amount, close date and probability between one row and the
 * next (PrevAmount / PrevCloseDate, when the export has them, say what it was before). A
 * probability equal to its stage's default is the stage's own (no override in Qanat).
 */
function historiesOf(
  history: TableRow[],
  pipeline: SourcePipeline,
): Map<string, SourceDealHistory> {
  const defaults = new Map(pipeline.stages.map((s) => [s.name.toLowerCase(), s.probability]));
  const byDeal = new Map<string, TableRow[]>();
  for (const row of history) {
    if (isDeleted(row.get)) continue;
    const id = row.get('OpportunityId');
    if (id) byDeal.set(id, [...(byDeal.get(id) ?? []), row]);
  }
  const result = new Map<string, SourceDealHistory>();
  const instant = (row: TableRow) => Date.parse(utcInstant(row.get('CreatedDate') ?? ''));
  const override = (row: TableRow): string | null => {
    const probability = row.get('Probability');
    const stage = (row.get('StageName') ?? '').toLowerCase();
    if (probability === null || !defaults.has(stage)) return null;
    return Number(probability) === defaults.get(stage) ? null : String(Number(probability));
  };
  for (const [id, rows] of byDeal) {
    const ordered = rows
      .filter((r) => Number.isFinite(instant(r)))
      .sort((a, b) => instant(a) - instant(b) || a.number - b.number);
    const stages: SourceDealHistory['stages'] = [];
    const fields: SourceFieldChange[] = [];
    let previous: TableRow | null = null;
    for (const row of ordered) {
      const at = instant(row);
      const stage = row.get('StageName');
      if (stage) stages.push({ stage, at });
      if (previous) {
        const amountBefore = money(row.get('PrevAmount') ?? previous.get('Amount'));
        const amount = money(row.get('Amount'));
        if (amountBefore !== amount)
          fields.push({ field: 'amount', from: amountBefore, to: amount, at });
        const dayBefore = row.get('PrevCloseDate') ?? previous.get('CloseDate');
        const day = row.get('CloseDate');
        if (dayBefore !== day)
          fields.push({ field: 'expectedCloseDate', from: dayBefore, to: day, at });
        const overrideBefore = override(previous);
        const current = override(row);
        if (overrideBefore !== current)
          fields.push({ field: 'probability', from: overrideBefore, to: current, at });
      }
      previous = row;
    }
    result.set(id, { stages, fields });
  }
  return result;
}

/** The plan of a Salesforce export folder. */
export async function planSalesforce(
  files: Map<string, ExportFile>,
  mapping: ImportOptions,
  { now }: PlanContext,
): Promise<MigrationPlan> {
  const notes = new PlanNotes();
  const misses: LikelyMiss[] = [];
  const context = { source: SOURCE, mapping, misses, notes };
  const table = async (name: string) => (await readTable(files.get(name))).rows;
  const users = await table('user.csv');
  const accounts = await table('account.csv');
  const contacts = await table('contact.csv');
  const pricebooks = await table('pricebook2.csv');
  const entries = await table('pricebookentry.csv');
  const stageRows = await table('opportunitystage.csv');
  const history = await table('opportunityhistory.csv');
  const roles = await table('opportunitycontactrole.csv');
  const lineItems = await table('opportunitylineitem.csv');
  const opportunities = await table('opportunity.csv');

  const userById = indexBy(users, 'Id');
  const accountById = indexBy(accounts, 'Id');
  const contactById = indexBy(contacts, 'Id');
  const nameOf = (row: TableRow | undefined) =>
    row
      ? (row.get('Name') ??
        ([row.get('FirstName'), row.get('LastName')].filter(Boolean).join(' ') || null))
      : null;
  /** A user as an owner: their email, else their name; an id nobody has stays the id (rejected). */
  const owner = (id: string | null) => {
    if (id === null) return null;
    const user = userById.get(id);
    return user ? (user.get('Email') ?? nameOf(user)) : id;
  };
  const account = (id: string | null) => (id === null ? null : (nameOf(accountById.get(id)) ?? id));
  const contactKey = (id: string | null) => {
    const contact = id === null ? undefined : contactById.get(id);
    return contact ? (contact.get('Email') ?? nameOf(contact)) : null;
  };
  const deleted = () =>
    notes.add('deleted_in_source', 'Rows deleted in Salesforce (IsDeleted) were not imported');
  const preparation = { cell: salesforceCell, skip: isDeleted, onSkip: deleted };
  const plan: PlanEntry[] = [];
  const add = async (spec: Parameters<typeof planEntry>[0]) =>
    plan.push(await planEntry(spec, context));

  const usersFile = files.get('user.csv');
  if (usersFile) {
    await add({
      kind: 'users',
      file: usersFile,
      columns: { Id: 'externalId', Email: 'email' },
      derived: [
        {
          header: 'Name (FirstName LastName)',
          field: 'name',
          value: (get) => nameOf({ number: 0, line: null, get }),
        },
        {
          header: 'Manager (ManagerId)',
          field: 'manager',
          value: (get) => owner(get('ManagerId')),
        },
      ],
      preparation,
    });
  }
  const accountsFile = files.get('account.csv');
  if (accountsFile) {
    await add({
      kind: 'companies',
      file: accountsFile,
      columns: {
        Id: 'externalId',
        Name: 'name',
        Website: 'domain',
        Industry: 'sector',
        NumberOfEmployees: 'employees',
        BillingCountry: 'country',
      },
      derived: [
        { header: 'Owner (OwnerId)', field: 'owner', value: (get) => owner(get('OwnerId')) },
      ],
      preparation,
    });
  }
  const contactsFile = files.get('contact.csv');
  if (contactsFile) {
    await add({
      kind: 'contacts',
      file: contactsFile,
      columns: {
        Id: 'externalId',
        FirstName: 'firstName',
        LastName: 'lastName',
        Email: 'email',
        Title: 'jobTitle',
      },
      derived: [
        {
          header: 'Phones (Phone, MobilePhone)',
          field: 'phone',
          value: (get) => [get('Phone'), get('MobilePhone')].filter(Boolean).join('; ') || null,
        },
        {
          header: 'Account (AccountId)',
          field: 'company',
          value: (get) => account(get('AccountId')),
        },
        { header: 'Owner (OwnerId)', field: 'owner', value: (get) => owner(get('OwnerId')) },
      ],
      preparation,
    });
  }
  const productsFile = files.get('product2.csv');
  if (productsFile) {
    const standard = pricebooks.find((p) => booleanCell(p.get('IsStandard')) === true)?.get('Id');
    const priceOf = new Map<string, TableRow>();
    for (const entry of entries) {
      const product = entry.get('Product2Id');
      if (!product || booleanCell(entry.get('IsActive')) === false) continue;
      const isStandard = standard ? entry.get('Pricebook2Id') === standard : true;
      if (isStandard && !priceOf.has(product)) priceOf.set(product, entry);
    }
    await add({
      kind: 'products',
      file: productsFile,
      columns: { Id: 'externalId', Name: 'name', Family: 'series' },
      derived: [
        {
          header: 'List price (PricebookEntry.UnitPrice)',
          field: 'listPrice',
          value: (get) => money(priceOf.get(get('Id') ?? '')?.get('UnitPrice') ?? null),
        },
        {
          header: 'Currency (PricebookEntry.CurrencyIsoCode)',
          field: 'currency',
          value: (get) => priceOf.get(get('Id') ?? '')?.get('CurrencyIsoCode') ?? null,
        },
      ],
      preparation,
    });
  }

  const pipeline = pipelineOf(stageRows, opportunities, history, notes);
  const opportunitiesFile = files.get('opportunity.csv');
  if (opportunitiesFile) {
    const headers = await headersOf(opportunitiesFile);
    const lossReason = headers.find(
      (h) => /^(loss|lost)_?reason(__c)?$/i.test(h) || /^reason_?lost(__c)?$/i.test(h),
    );
    const stageValues: Record<string, string> = {};
    for (const name of pipeline.lostNames) stageValues[name] = 'lost';
    for (const name of pipeline.otherWonNames) stageValues[name] = 'won';
    await add({
      kind: 'deals',
      file: opportunitiesFile,
      columns: {
        Id: 'externalId',
        Name: 'title',
        Amount: 'amount',
        CurrencyIsoCode: 'currency',
        StageName: 'stage',
        CloseDate: 'closeDate',
        CreatedDate: 'openedAt',
        LeadSource: 'source',
        Probability: 'probability',
        ...(lossReason ? { [lossReason]: 'lostReason' } : {}),
      },
      derived: [
        {
          header: 'Account (AccountId)',
          field: 'company',
          value: (get) => account(get('AccountId')),
        },
        { header: 'Owner (OwnerId)', field: 'owner', value: (get) => owner(get('OwnerId')) },
        {
          header: 'Status (IsClosed, IsWon)',
          field: 'status',
          value: (get) => {
            const isClosed = booleanCell(get('IsClosed'));
            if (isClosed === null) return null;
            return isClosed ? (booleanCell(get('IsWon')) ? 'won' : 'lost') : 'open';
          },
        },
        {
          header: 'Pipeline',
          field: 'pipeline',
          value: () => mapping.pipeline ?? SALESFORCE_PIPELINE,
        },
      ],
      preparation,
      options: { values: { stage: stageValues } },
      dealHistories: historiesOf(history, pipeline),
    });
  }
  for (const [name, kind] of [
    ['task.csv', 'task'],
    ['event.csv', 'meeting'],
  ] as const) {
    const file = files.get(name);
    if (!file) continue;
    const isEvent = kind === 'meeting';
    await add({
      kind: 'activities',
      file,
      columns: isEvent
        ? { Id: 'externalId', Subject: 'subject', Description: 'note', StartDateTime: 'dueAt' }
        : {
            Id: 'externalId',
            Subject: 'subject',
            Description: 'note',
            ActivityDate: 'dueAt',
            CompletedDateTime: 'doneAt',
          },
      derived: [
        {
          header: 'Kind (TaskSubtype, Type)',
          field: 'kind',
          value: (get) => {
            if (isEvent) return 'meeting';
            const subtype = (get('TaskSubtype') ?? get('Type') ?? '').toLowerCase();
            if (subtype.includes('call')) return 'call';
            if (subtype.includes('email')) return 'email';
            if (subtype.includes('meeting')) return 'meeting';
            return 'task';
          },
        },
        {
          header: 'Status (Status, IsClosed, EndDateTime)',
          field: 'status',
          value: (get) => {
            if (isEvent) {
              const end = Date.parse(get('EndDateTime') ?? get('StartDateTime') ?? '');
              return Number.isFinite(end) && end < now ? 'done' : 'open';
            }
            const status = (get('Status') ?? '').toLowerCase();
            return booleanCell(get('IsClosed')) === true || status === 'completed'
              ? 'done'
              : 'open';
          },
        },
        ...(isEvent
          ? [
              {
                header: 'Done (EndDateTime)',
                field: 'doneAt',
                value: (get: (h: string) => string | null) => {
                  const end = get('EndDateTime');
                  return end !== null && Date.parse(utcInstant(end)) < now ? end : null;
                },
              },
            ]
          : []),
        {
          header: 'Opportunity (WhatId)',
          field: 'deal',
          value: (get) => (get('WhatId')?.startsWith('006') ? get('WhatId') : null),
        },
        {
          header: 'Account (WhatId, AccountId)',
          field: 'company',
          value: (get) => {
            const what = get('WhatId');
            return what?.startsWith('001') ? account(what) : account(get('AccountId'));
          },
        },
        { header: 'Contact (WhoId)', field: 'contact', value: (get) => contactKey(get('WhoId')) },
        { header: 'Owner (OwnerId)', field: 'owner', value: (get) => owner(get('OwnerId')) },
      ],
      preparation,
    });
  }

  const pricebookProduct = new Map(entries.map((e) => [e.get('Id') ?? '', e.get('Product2Id')]));
  return {
    source: SOURCE,
    pipelines: [pipeline],
    entries: plan,
    dealContacts: roles.flatMap((r) => {
      const deal = r.get('OpportunityId');
      const contact = r.get('ContactId');
      return deal && contact && !isDeleted(r.get)
        ? [{ dealId: deal, contactId: contact, role: contactRoleOf(r.get('Role')) }]
        : [];
    }),
    dealItems: lineItems.flatMap((item) => {
      const deal = item.get('OpportunityId');
      const product =
        item.get('Product2Id') ?? pricebookProduct.get(item.get('PricebookEntryId') ?? '') ?? null;
      if (!deal || !product || isDeleted(item.get)) return [];
      const unitPrice = item.get('UnitPrice');
      return [
        {
          dealId: deal,
          productId: product,
          quantity: Number(item.get('Quantity') ?? 1),
          unitPrice: unitPrice === null ? null : withoutFloatNoise(unitPrice),
        },
      ];
    }),
    notRead: [...files.values()]
      .filter((f) => !KNOWN_FILES.includes(f.name.toLowerCase()))
      .map((f) => f.name),
    notes,
    likelyMisses: misses,
  };
}
