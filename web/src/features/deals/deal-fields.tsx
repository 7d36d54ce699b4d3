/** The deal's own fields, each edited in place from the version on screen. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Deal, DealChange, Stage } from '../../api/models';
import { useCompany } from '../../api/records';
import { localName, usePipelineDetails } from '../../pipelines';
import { formatDay, formatMoney, toMajor, toMinor } from '../../format';
import { fieldText } from '../../shared/api-form';
import { EditableField } from '../../shared/editable-field';
import { MemberOptions } from '../../shared/owner-select';
import { CompanyPicker } from '../../shared/record-pickers';
import { useActiveFields } from '../../api/custom-fields';
import { useMembers, useWorkspace } from '../../workspace';
import { CustomFieldRows } from '../custom-fields/custom-field-value';

const AMOUNT_SOURCES = ['estimate', 'quoted', 'signed'] as const;

/** '' is "nothing": the field is cleared. */
function orNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

export function DealFields({
  deal,
  stage,
  withHijri,
  canEdit,
  change,
  movePipeline,
}: {
  deal: Deal;
  /** Moves the deal into another pipeline's first open stage. */
  movePipeline: (pipelineId: string) => Promise<unknown>;
  stage: Stage | undefined;
  withHijri: boolean;
  canEdit: boolean;
  /** Sends a change from the deal's version on screen (a conflict opens the 409 dialog). */
  change: (body: DealChange) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const members = useMembers();
  const company = useCompany(deal.companyId);
  const ownerName = members.data?.find((m) => m.id === deal.ownerId)?.name;
  const customFields = useActiveFields('deal');
  const pipelines = usePipelineDetails();
  const activePipelines = (pipelines.data ?? []).filter((p) => !p.archived);
  const pipeline = pipelines.data?.find((p) => p.id === deal.pipelineId);
  const workspace = useWorkspace();
  return (
    <dl className="fields fields--editable">
      <EditableField
        label={t('deal.amount')}
        canEdit={canEdit}
        value={
          <>
            {deal.amountMinor === null
              ? '—'
              : formatMoney(deal.amountMinor, deal.currency, language)}{' '}
            <span className="badge">{t(`record.amountSource_${deal.amountSource}`)}</span>
          </>
        }
        editor={(id) => (
          <>
            <input
              id={id}
              name="amount"
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              defaultValue={
                deal.amountMinor === null ? '' : toMajor(deal.amountMinor, deal.currency)
              }
            />
            <label>
              <span className="visually-hidden">{t('deal.currency')}</span>
              <input
                name="currency"
                className="narrow"
                defaultValue={deal.currency}
                pattern="[A-Z]{3}"
                required
                dir="ltr"
              />
            </label>
            <label>
              <span className="visually-hidden">{t('record.amountSource')}</span>
              <select name="amountSource" defaultValue={deal.amountSource}>
                {AMOUNT_SOURCES.map((source) => (
                  <option key={source} value={source}>
                    {t(`record.amountSource_${source}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        onSave={(form) => {
          const currency = fieldText(form, 'currency').toUpperCase();
          const amount = fieldText(form, 'amount');
          return change({
            amountMinor: amount === '' ? null : toMinor(Number(amount), currency),
            currency,
            amountSource: fieldText(form, 'amountSource') as (typeof AMOUNT_SOURCES)[number],
          });
        }}
      />
      <EditableField
        label={t('deal.expectedCloseDate')}
        canEdit={canEdit}
        value={
          deal.expectedCloseDate ? formatDay(deal.expectedCloseDate, language, withHijri) : '—'
        }
        editor={(id) => (
          <input
            id={id}
            name="expectedCloseDate"
            type="date"
            defaultValue={deal.expectedCloseDate ?? ''}
          />
        )}
        onSave={(form) =>
          change({ expectedCloseDate: orNull(fieldText(form, 'expectedCloseDate')) })
        }
      />
      <EditableField
        label={t('deal.owner')}
        canEdit={canEdit}
        value={ownerName ?? t('record.nobody')}
        editor={(id) => (
          <select id={id} name="ownerId" defaultValue={deal.ownerId ?? ''}>
            <option value="">{t('record.nobody')}</option>
            <MemberOptions />
          </select>
        )}
        onSave={(form) => change({ ownerId: orNull(fieldText(form, 'ownerId')) })}
      />
      <EditableField
        label={t('deal.company')}
        canEdit={canEdit}
        value={
          deal.companyId && company.data ? (
            <Link to={`/companies/${deal.companyId}`}>{company.data.name}</Link>
          ) : (
            '—'
          )
        }
        editor={(id) => <CompanyPicker id={id} name="companyId" initialId={deal.companyId} />}
        onSave={(form) => change({ companyId: orNull(fieldText(form, 'companyId')) })}
      />
      <EditableField
        label={t('board.pipeline')}
        canEdit={canEdit && deal.status === 'open' && activePipelines.length > 1}
        value={pipeline ? localName(pipeline, language) : '—'}
        editor={(id) => (
          <select id={id} name="pipelineId" defaultValue={deal.pipelineId}>
            {activePipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {localName(p, language)}
              </option>
            ))}
          </select>
        )}
        onSave={async (form) => {
          const next = fieldText(form, 'pipelineId');
          if (next && next !== deal.pipelineId) await movePipeline(next);
        }}
      />
      <EditableField
        label={t('record.probability')}
        canEdit={canEdit}
        value={
          deal.probabilityOverride === null
            ? t('record.probabilityOfStage', { percent: stage?.probability ?? 0 })
            : t('record.probabilitySet', { percent: deal.probabilityOverride })
        }
        editor={(id) => (
          <input
            id={id}
            name="probability"
            type="number"
            min="0"
            max="100"
            step="1"
            className="narrow"
            placeholder={String(stage?.probability ?? '')}
            defaultValue={deal.probabilityOverride ?? ''}
          />
        )}
        onSave={(form) => {
          const text = fieldText(form, 'probability');
          return change({ probabilityOverride: text === '' ? null : Number(text) });
        }}
      />
      <EditableField
        label={t('record.source')}
        canEdit={canEdit}
        value={deal.source ?? '—'}
        editor={(id) => <input id={id} name="source" defaultValue={deal.source ?? ''} />}
        onSave={(form) => change({ source: orNull(fieldText(form, 'source')) })}
      />
      <CustomFieldRows
        fields={customFields}
        values={deal.customFields}
        baseCurrency={workspace.data?.baseCurrency ?? deal.currency}
        canEdit={canEdit}
        change={(values) => change({ customFields: values })}
      />
      {deal.externalIds.length > 0 && (
        <div>
          <dt>{t('record.externalIds')}</dt>
          <dd>
            <ul className="plain-list">
              {deal.externalIds.map((ref) => (
                <li key={`${ref.source}:${ref.id}`}>
                  {ref.source}: <bdi dir="ltr">{ref.id}</bdi>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}
