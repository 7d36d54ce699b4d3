import type { Insertable } from 'kysely';
import {
  findActivitiesForImport,
  findDealsByTitle,
  insertRowsInChunks,
  touchDealsLastActivity,
} from '../../../db/import.repository.js';
import type { ActivityRow, ActivityTable } from '../../../db/schema.js';
import { updateAtVersion } from '../../../db/versioned.js';
import { companyMatchKey } from '../../../domain/import/match-key.js';
import { ACTIVITY_KINDS, type ActivityKind } from '../../records/activity.service.js';
import { normalizeEmail } from '../../../domain/contact-channel.js';
import { buildSearchText } from '../../../domain/search-text.js';
import type { CompanyDirectory } from './company-directory.js';
import type { ContactDirectory } from './contact-directory.js';
import type { ImportRow } from './import-columns.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { changedDuringImport, type ImportRun, RowRejected } from './import-run.js';
import type { KindImporter } from './kind-importer.js';
import type { MemberDirectory } from './member-directory.js';

/** The words other CRMs and people use for each kind of activity. */
const KIND_WORDS: Record<ActivityKind, string[]> = {
  call: ['call', 'phone call', 'phone', 'مكالمة', 'اتصال'],
  email: ['email', 'e-mail', 'mail', 'بريد', 'بريد إلكتروني'],
  meeting: ['meeting', 'appointment', 'demo', 'lunch', 'اجتماع', 'موعد'],
  task: ['task', 'to do', 'todo', 'deadline', 'follow up', 'مهمة', 'متابعة'],
  note: ['note', 'comment', 'ملاحظة', 'تعليق'],
};

const STATUS_WORDS: Record<'done' | 'open', string[]> = {
  done: [
    'done',
    'completed',
    'complete',
    'closed',
    'yes',
    'true',
    '1',
    'منجز',
    'مكتمل',
    'تم',
    'نعم',
  ],
  open: [
    'open',
    'pending',
    'to do',
    'not done',
    'planned',
    'scheduled',
    'no',
    'false',
    '0',
    'مفتوح',
    'قيد التنفيذ',
    'لا',
  ],
};

function wordMap<T extends string>(words: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, list] of Object.entries(words) as [T, string[]][]) {
    for (const word of list) map.set(headerKey(word), value);
  }
  return map;
}

const KINDS = wordMap(KIND_WORDS);
const STATUSES = wordMap(STATUS_WORDS);

type ActivityFields = Pick<
  Insertable<ActivityTable>,
  'kind' | 'subject' | 'note' | 'due_at' | 'done_at' | 'owner_id' | 'company_id' | 'contact_id'
>;

interface ActivityDraft {
  row: ImportRow;
  externalId: string | null;
  /** The deal cell: an external id of an imported deal, or a deal's exact title. */
  deal: string | null;
  fields: ActivityFields;
}

function kindOf(run: ImportRun, row: ImportRow): ActivityKind {
  const text = row.get('kind');
  if (text === null) {
    run.report.warn(
      'kind_defaulted',
      'Activities without a type were imported as tasks',
      row.number,
    );
    return 'task';
  }
  const kind = KINDS.get(headerKey(text)) ?? ACTIVITY_KINDS.find((k) => k === text.toLowerCase());
  if (!kind) {
    throw new RowRejected(
      'kind',
      `unknown activity type "${text}" (${ACTIVITY_KINDS.join(', ')}): map it in "values"`,
    );
  }
  return kind;
}

/** When the activity was done: its done date, else its due date (or now) when marked done. */
function doneAtOf(run: ImportRun, row: ImportRow, dueAt: number | null): number | null {
  const doneAt = run.instant(row, 'doneAt');
  const statusText = row.get('status');
  const status = statusText === null ? null : STATUSES.get(headerKey(statusText));
  if (status === undefined) {
    throw new RowRejected('status', `unknown status "${statusText}" (done or open)`);
  }
  if (status === 'open' && doneAt !== null) {
    throw new RowRejected('status', `marked "${statusText}" but has a done date`);
  }
  const at = doneAt ?? (status === 'done' ? (dueAt ?? run.now) : null);
  if (at !== null && at > run.now) {
    throw new RowRejected(
      doneAt !== null ? 'doneAt' : 'dueAt',
      'an activity cannot be done in the future',
    );
  }
  return at;
}

function companyOf(run: ImportRun, row: ImportRow, companies: CompanyDirectory): string | null {
  const name = row.get('company');
  if (name === null) return null;
  const found = companyMatchKey(name) === '' ? undefined : companies.find(name, null);
  if (found) return found.id;
  companies.suggestNear(run, row, 'company', name);
  throw new RowRejected('company', `unknown company "${name}": import the companies first`);
}

function contactOf(row: ImportRow, contacts: ContactDirectory): string | null {
  const text = row.get('contact');
  if (text === null) return null;
  if (text.includes('@')) {
    const normalized = normalizeEmail(text);
    const found = contacts.findByChannels([{ kind: 'email', value: normalized, normalized }]);
    if (found) return found.id;
    throw new RowRejected('contact', `no contact has the email "${text}"`);
  }
  const count = contacts.countByName(text);
  if (count > 1) {
    throw new RowRejected('contact', `${count} contacts are named "${text}": write their email`);
  }
  const found = contacts.findByName(text);
  if (!found) throw new RowRejected('contact', `unknown contact "${text}": import contacts first`);
  return found.id;
}

/** What search finds an activity by: its subject and note, folded. */
function searchTextOf(fields: ActivityFields): string {
  return buildSearchText(fields.subject, fields.note);
}

function isSame(row: ActivityRow, fields: ActivityFields, dealId: string | null): boolean {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return (
    row.kind === fields.kind &&
    row.subject === fields.subject &&
    row.note === fields.note &&
    num(row.due_at) === fields.due_at &&
    num(row.done_at) === fields.done_at &&
    row.owner_id === fields.owner_id &&
    row.company_id === fields.company_id &&
    row.contact_id === fields.contact_id &&
    row.deal_id === dealId
  );
}

/**
 * Activities (calls, emails, meetings, tasks, notes), linked to the deal, company and contact
 * they name: a deal by its external id from the same source or its exact title, a company by
 * name, a contact by email or name. Links are never invented: an unknown one rejects the row.
 * Done activities move their deal's last activity forward, as logging one does.
 */
export function activityImporter(
  run: ImportRun,
  companies: CompanyDirectory,
  contacts: ContactDirectory,
  members: MemberDirectory,
): KindImporter {
  let queue: ActivityDraft[] = [];

  async function resolveDeals(batch: ActivityDraft[]): Promise<Map<string, string[]>> {
    const texts = [...new Set(batch.flatMap((d) => (d.deal === null ? [] : [d.deal])))];
    const byText = new Map<string, string[]>();
    const refs = await run.existingRecords('deal', texts);
    for (const [text, id] of refs) byText.set(text, [id]);
    const titles = texts.filter((t) => !byText.has(t));
    for (const deal of await findDealsByTitle(run.db, run.workspace.id, titles)) {
      byText.set(deal.title, [...(byText.get(deal.title) ?? []), deal.id]);
    }
    return byText;
  }

  return {
    accept(row) {
      const subject = run.required(row, 'subject', 'the subject');
      const kind = kindOf(run, row);
      const dueAt = run.instant(row, 'dueAt');
      queue.push({
        row,
        externalId: row.get('externalId'),
        deal: row.get('deal'),
        fields: {
          kind,
          subject,
          note: row.get('note'),
          due_at: dueAt,
          done_at: doneAtOf(run, row, dueAt),
          owner_id: members.resolveOwner(run, row),
          company_id: companyOf(run, row, companies),
          contact_id: contactOf(row, contacts),
        },
      });
    },

    async flush() {
      const batch = queue;
      queue = [];
      const refs = await run.existingRecords(
        'activity',
        batch.flatMap((d) => (d.externalId ? [d.externalId] : [])),
      );
      const current = new Map(
        (await findActivitiesForImport(run.db, run.workspace.id, [...new Set(refs.values())])).map(
          (a) => [a.id, a],
        ),
      );
      const deals = await resolveDeals(batch);
      const inserts: Insertable<ActivityTable>[] = [];
      const lastActivity = new Map<string, number>();
      for (const draft of batch) {
        let dealId: string | null = null;
        if (draft.deal !== null) {
          const ids = deals.get(draft.deal) ?? [];
          if (ids.length !== 1) {
            run.reject(
              draft.row,
              'deal',
              ids.length === 0
                ? `unknown deal "${draft.deal}": neither an imported deal's id nor a deal's title`
                : `${ids.length} deals are titled "${draft.deal}": use the deals' ids`,
            );
            continue;
          }
          dealId = ids[0] ?? null;
        }
        const { fields } = draft;
        if (dealId !== null && fields.done_at !== null && fields.done_at !== undefined) {
          lastActivity.set(dealId, Math.max(lastActivity.get(dealId) ?? 0, fields.done_at));
        }
        const recordId = draft.externalId ? refs.get(draft.externalId) : undefined;
        if (recordId !== undefined) {
          const existing = current.get(recordId);
          if (!existing) {
            run.skipDeleted(draft.row, 'Activities');
            continue;
          }
          if (isSame(existing, fields, dealId)) {
            run.report.report.rows.skipped += 1;
            continue;
          }
          const changed = await updateAtVersion(
            run.db,
            'activities',
            run.workspace.id,
            existing.id,
            existing.version,
            { ...fields, deal_id: dealId, search_text: searchTextOf(fields), updated_at: run.now },
          );
          if (changed === 0) throw changedDuringImport('activity', existing.subject);
          run.report.report.rows.updated += 1;
          continue;
        }
        const id = run.newId();
        inserts.push({
          id,
          workspace_id: run.workspace.id,
          deal_id: dealId,
          ...fields,
          search_text: searchTextOf(fields),
          created_at: run.now,
          updated_at: run.now,
        });
        run.report.report.rows.created += 1;
        if (draft.externalId) run.addExternalRef('activity', draft.externalId, id);
      }
      await insertRowsInChunks(run.db, 'activities', inserts);
      await touchDealsLastActivity(run.db, run.workspace.id, lastActivity);
      await run.writeExternalRefs();
    },
  };
}
