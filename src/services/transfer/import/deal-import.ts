import type { Insertable } from 'kysely';
import {
  findDealsForImport,
  insertRowsInChunks,
  listDealItems,
} from '../../../db/import.repository.js';
import type { DealFieldHistoryTable, DealItemTable, DealRow } from '../../../db/schema.js';
import type { AmountSource, DealStatus } from '../../../domain/deal.js';
import { planImportedHistory } from '../../../domain/import/imported-history.js';
import { isKnownCurrency } from '../../../domain/money.js';
import { buildSearchText } from '../../../domain/search-text.js';
import type { CompanyDirectory } from './company-directory.js';
import type { DealStages } from './deal-stages.js';
import { fieldHistoryRows, newDealRows, insertNewDeals } from '../../deals/deal-spine.js';
import { probabilityOverride, recordedPast } from './deal-past.js';
import type { ImportedCustomFields } from './custom-field-import.js';
import { type DealDraft, itemRowOf } from './deal-draft.js';
import { isDealChanged, writeDealUpdate } from './deal-update.js';
import { DealValueCheck } from './deal-value-check.js';
import type { ImportRow } from './import-columns.js';
import { type ImportRun, RowRejected } from './import-run.js';
import type { KindImporter } from './kind-importer.js';
import type { MemberDirectory } from './member-directory.js';
import type { ProductCatalog } from './product-catalog.js';

function currencyOf(run: ImportRun, row: ImportRow): string {
  const code = (row.get('currency') ?? run.options.currency ?? run.workspace.baseCurrency)
    .trim()
    .toUpperCase();
  if (!isKnownCurrency(code)) throw new RowRejected('currency', `unknown currency "${code}"`);
  return code;
}

/**
 * Deals with their stage history: each deal enters, on the day it opened, the stage the file
 * says it stands in (or reached), and a won or lost deal closes on its closing day. The rows
 * are written directly, in the import's transaction, exactly as the deal use-cases write them
 * (see planImportedHistory); exit criteria are not enforced on the past.
 */
export function dealImporter(
  run: ImportRun,
  stages: DealStages,
  companies: CompanyDirectory,
  members: MemberDirectory,
  products: ProductCatalog,
  customFields: ImportedCustomFields,
): KindImporter {
  let queue: DealDraft[] = [];
  const valueCheck = new DealValueCheck(run.options.valueTolerance ?? 0.1);

  const closingTime = (row: ImportRow, status: DealStatus, openedAt: number): number | null => {
    if (status === 'open') return null;
    const field = status === 'won' ? 'wonAt' : 'lostAt';
    const own = run.instant(row, field);
    const closedAt = own ?? run.instant(row, 'closeDate');
    const column = own !== null ? field : 'closeDate';
    if (closedAt === null) {
      const isMapped = row.has(field) || row.has('closeDate');
      throw new RowRejected(
        row.has(field) ? field : isMapped ? 'closeDate' : null,
        `a ${status} deal needs its closing date` +
          (isMapped ? '' : ` (no column is mapped to closeDate or ${field})`),
      );
    }
    if (closedAt < openedAt) {
      throw new RowRejected(
        column,
        `closes (${run.dayOf(closedAt)}) before it opened ` + `(${run.dayOf(openedAt)})`,
      );
    }
    if (closedAt > run.now)
      throw new RowRejected(column, `a ${status} deal cannot close in the future`);
    return closedAt;
  };

  return {
    accept(row) {
      // Every check that can reject the row comes first; what the row makes or counts
      // (a company, the "Other" lost reason, warnings, the value check) comes after.
      const title = run.required(row, 'title', 'the deal title');
      const currency = currencyOf(run, row);
      const product = products.resolve(run, row, 'product');
      let amount = run.amount(row, 'amount', currency);
      const externalId = row.get('externalId');
      const recorded = externalId ? (run.dealHistories?.get(externalId) ?? null) : null;
      const { pipeline, stage, status } = stages.resolve(run, row, recorded !== null);
      const probability = probabilityOverride(row, stage, status);
      const customValues = customFields.read(row);
      // A row without an external id can only make a new deal: it must fill required fields.
      const missing = row.get('externalId')
        ? null
        : customFields.missingRequired(row, customValues);
      if (missing) throw missing;
      const openedAtCell = run.instant(row, 'openedAt');
      if (openedAtCell !== null && openedAtCell > run.now) {
        throw new RowRejected('openedAt', `opens in the future (${run.dayOf(openedAtCell)})`);
      }
      if (openedAtCell === null && status !== 'open') {
        // A closed deal's history runs from its opening to its closing: without the first,
        // the cycle length would be invented.
        throw new RowRejected(
          row.has('openedAt') ? 'openedAt' : null,
          `a ${status} deal needs the day it opened` +
            (row.has('openedAt') ? '' : ' (no column is mapped to openedAt)'),
        );
      }
      const openedAt = openedAtCell ?? run.now;
      const closedAt = closingTime(row, status, openedAt);
      const expected =
        status === 'open'
          ? (run.date(row, 'expectedCloseDate') ?? run.date(row, 'closeDate'))
          : null;
      const ownerId = members.resolveOwner(run, row);
      const companyId = companies.resolveOrCreate(run, row, 'company');

      if (openedAtCell === null) {
        run.report.warn(
          'opened_at_import',
          'Deals without an open date were opened at the time of the import',
          row.number,
        );
      }
      const lost = status === 'lost' ? stages.lostReason(run, row) : null;
      let amountSource: AmountSource = status === 'won' ? 'signed' : 'estimate';
      if (amount === null && product && run.options.amountFromProducts) {
        if (product.listPriceMinor !== null && product.currency === currency) {
          amount = product.listPriceMinor;
          amountSource = 'estimate';
          run.report.warn(
            'amount_from_products',
            'Deals without an amount were given their product’s list price as an estimate',
            row.number,
          );
        }
      } else if (product) {
        valueCheck.check(row.number, status, amount, currency, product);
      }
      if (companyId === null && row.has('company')) {
        run.report.warn(
          'no_company',
          'Deals without a company were imported without one',
          row.number,
        );
      }
      const expectedDay = expected?.day ?? (closedAt !== null ? run.dayOf(closedAt) : null);
      const path = {
        reachedStageId: stage.id,
        wonStageId: pipeline.wonStageId,
        status,
        openedAt,
        closedAt,
        lostReasonId: lost?.id ?? null,
        lostNote: lost?.note ?? null,
      };
      const past = recorded
        ? recordedPast(run, row, stages, pipeline, path, recorded, {
            currency,
            amount_minor: amount,
            expected_close_date: expectedDay,
            probability_override: probability,
          })
        : { state: planImportedHistory(path), fieldChanges: [] };
      queue.push({
        row,
        externalId,
        product,
        customValues,
        openedAt,
        fields: {
          title,
          company_id: companyId,
          owner_id: ownerId,
          amount_minor: amount,
          currency,
          amount_source: amountSource,
          expected_close_date: expectedDay,
          source: row.get('source'),
          pipeline_id: pipeline.pipelineId,
          probability_override: probability,
        },
        state: past.state,
        fieldChanges: past.fieldChanges,
      });
    },

    async flush() {
      const batch = queue;
      queue = [];
      const refs = await run.existingRecords(
        'deal',
        batch.flatMap((d) => (d.externalId ? [d.externalId] : [])),
      );
      const existingIds = [...new Set(refs.values())];
      const current = new Map<string, DealRow>(
        (await findDealsForImport(run.db, run.workspace.id, existingIds)).map((d) => [d.id, d]),
      );
      const items = new Map<string, string[]>();
      for (const item of await listDealItems(run.db, run.workspace.id, existingIds)) {
        items.set(item.deal_id, [...(items.get(item.deal_id) ?? []), item.product_id]);
      }
      const deals: ReturnType<typeof newDealRows>[] = [];
      const dealItems: Insertable<DealItemTable>[] = [];
      const fieldRows: Insertable<DealFieldHistoryTable>[] = [];
      const updates: { draft: DealDraft; deal: DealRow }[] = [];
      const matched: { draft: DealDraft; deal: DealRow }[] = [];

      for (const draft of batch) {
        const recordId = draft.externalId ? refs.get(draft.externalId) : undefined;
        const deal = recordId ? current.get(recordId) : undefined;
        if (recordId && (!deal || deal.deleted_at !== null)) {
          run.skipDeleted(draft.row, 'Deals');
          continue;
        }
        if (deal) {
          matched.push({ draft, deal });
          continue;
        }
        if (customFields.rejectsMissingRequired(draft.row, draft.customValues)) continue;
        const id = run.newId();
        const { state } = draft;
        deals.push(
          newDealRows(
            run.author,
            {
              id,
              workspace_id: run.workspace.id,
              ...draft.fields,
              opened_at: draft.openedAt,
              last_activity_at: null,
              search_text: buildSearchText(draft.fields.title, draft.fields.source),
              created_at: run.now,
              updated_at: run.now,
              deleted_at: null,
            },
            { position: state, steps: state.history },
          ),
        );
        if (draft.product) dealItems.push(itemRowOf(run, id, draft.product));
        for (const change of draft.fieldChanges) {
          fieldRows.push(...fieldHistoryRows(run.author, id, change.at, [change]));
        }
        customFields.stage(id, draft.customValues);
        run.report.report.rows.created += 1;
        if (draft.externalId) run.addExternalRef('deal', draft.externalId, id);
      }
      // A deal whose custom values change is updated too: its version moves with them.
      const valuesChanged = await customFields.changedRecords(
        matched.map((m) => ({ id: m.deal.id, values: m.draft.customValues })),
      );
      for (const { draft, deal } of matched) {
        const isValueChanged = valuesChanged.has(deal.id);
        const isChanged = isValueChanged || isDealChanged(draft, deal, items.get(deal.id) ?? []);
        run.report.report.rows[isChanged ? 'updated' : 'skipped'] += 1;
        if (isValueChanged) customFields.stage(deal.id, draft.customValues);
        if (isChanged) updates.push({ draft, deal });
      }

      await companies.write(run);
      await companies.lockForDeals(run, [
        ...deals.map((d) => d.deal.company_id ?? null),
        ...updates.map((u) => u.draft.fields.company_id),
      ]);
      await stages.write(run);
      await insertNewDeals(run.db, deals);
      await insertRowsInChunks(run.db, 'deal_items', dealItems);
      await insertRowsInChunks(run.db, 'deal_field_history', fieldRows);
      for (const { draft, deal } of updates) {
        await writeDealUpdate(run, draft, deal, items.get(deal.id) ?? []);
      }
      await customFields.write();
      await run.writeExternalRefs();
    },

    finish() {
      run.report.report.valueCheck = valueCheck.result();
    },
  };
}
