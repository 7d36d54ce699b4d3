import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateDeal, useLoseDeal, usePatchDealBeforeMove } from '../../api/deals';
import { useLostReasons } from '../../api/lost-reasons';
import type { Card, DealChange } from '../../api/models';
import { CompanyPicker, ContactPicker } from '../../shared/record-pickers';

/** What the deal dialogs need of a deal, on the board (a card) or on its page. */
type DealLike = Pick<Card, 'id' | 'version' | 'title' | 'currency'>;
import { toMinor } from '../../format';
import { Modal } from '../../modal';
import { ErrorText, fieldText, messageOf } from '../../shared/api-form';

/** Asks why a deal moves back; the reason is held by the board, so it survives a re-render. */
export function MoveBackDialog(props: {
  stage: string;
  reason: string;
  onReasonChange: (reason: string) => void;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSubmit(props.reason.trim());
  };
  return (
    <Modal title={t('moveBack.title', { stage: props.stage })} onClose={props.onCancel}>
      <form onSubmit={submit} className="dialog-form">
        <label>
          {t('moveBack.reason')}
          <input
            name="reason"
            required
            placeholder={t('moveBack.placeholder')}
            value={props.reason}
            onChange={(event) => props.onReasonChange(event.target.value)}
          />
        </label>
        <div className="actions">
          <button type="button" onClick={props.onCancel}>
            {t('deal.cancel')}
          </button>
          <button type="submit">{t('moveBack.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}

export function LoseDialog({ card, onClose }: { card: DealLike; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const reasons = useLostReasons();
  const lose = useLoseDeal();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await lose.mutateAsync({
        deal: card,
        lostReasonId: fieldText(form, 'reason'),
        note: fieldText(form, 'note'),
      });
      onClose();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal title={t('lose.title', { deal: card.title })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <label>
          {t('lose.reason')}
          <select name="reason" required>
            {(reasons.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {i18n.language === 'ar' ? r.labelAr : r.labelEn}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('lose.note')}
          <textarea name="note" rows={3} />
        </label>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('deal.cancel')}
          </button>
          <button type="submit">{t('lose.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}

const FILLABLE = new Set(['amountMinor', 'expectedCloseDate']);

/** Exit criteria: asks for the missing fields it can take here, then retries the move. */
export function CriteriaDialog(props: {
  card: DealLike;
  fields: string[];
  onCancel: () => void;
  onSaved: (version: number) => void;
}) {
  const { t } = useTranslation();
  const fill = usePatchDealBeforeMove();
  const [error, setError] = useState<string | null>(null);
  const missing = [...new Set(props.fields)];
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: DealChange = {};
    if (form.has('amount'))
      body.amountMinor = toMinor(Number(form.get('amount')), props.card.currency);
    if (form.has('expectedCloseDate'))
      body.expectedCloseDate = fieldText(form, 'expectedCloseDate');
    try {
      const deal = await fill.mutateAsync({ deal: props.card, change: body });
      props.onSaved(deal.version);
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal title={t('criteria.title')} onClose={props.onCancel}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <p>{t('criteria.intro')}</p>
        {missing.includes('amountMinor') && (
          <label>
            {t('criteria.amountMinor')} ({props.card.currency})
            <input name="amount" type="number" min="0" step="any" required inputMode="decimal" />
          </label>
        )}
        {missing.includes('expectedCloseDate') && (
          <label>
            {t('criteria.expectedCloseDate')}
            <input name="expectedCloseDate" type="date" required />
          </label>
        )}
        {missing
          .filter((field) => !FILLABLE.has(field))
          .map((field) => (
            <p key={field} className="error">
              {t('criteria.cannotFill', { field: t(`criteria.${field}`, { defaultValue: field }) })}
            </p>
          ))}
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={props.onCancel}>
            {t('deal.cancel')}
          </button>
          {missing.every((field) => FILLABLE.has(field)) && (
            <button type="submit">{t('criteria.submit')}</button>
          )}
        </div>
      </form>
    </Modal>
  );
}

export function NewDealDialog({
  currency,
  pipelineId,
  onClose,
}: {
  currency: string;
  /** The pipeline the board shows: the new deal starts in its first stage. */
  pipelineId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateDeal();
  const companyId = useId();
  const contactId = useId();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const dealCurrency = fieldText(form, 'currency');
    const amount = fieldText(form, 'amount');
    const company = fieldText(form, 'companyId');
    const contact = fieldText(form, 'contactId');
    try {
      await create.mutateAsync({
        title: fieldText(form, 'title'),
        ...(pipelineId ? { pipelineId } : {}),
        ...(company ? { companyId: company } : {}),
        ...(contact ? { contacts: [{ contactId: contact, role: null }] } : {}),
        currency: dealCurrency,
        ...(amount ? { amountMinor: toMinor(Number(amount), dealCurrency) } : {}),
      });
      onClose();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal title={t('board.newDeal')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <label>
          {t('deal.title')}
          <input name="title" required />
        </label>
        <label>
          {t('deal.amount')}
          <input name="amount" type="number" min="0" step="any" inputMode="decimal" />
        </label>
        <label>
          {t('deal.currency')}
          <input name="currency" defaultValue={currency} pattern="[A-Z]{3}" required />
        </label>
        <div className="field">
          <label htmlFor={companyId}>{t('deal.company')}</label>
          <CompanyPicker id={companyId} name="companyId" initialId={null} />
        </div>
        <div className="field">
          <label htmlFor={contactId}>{t('record.contact')}</label>
          <ContactPicker id={contactId} name="contactId" companyId={null} isRequired={false} />
        </div>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('deal.cancel')}
          </button>
          <button type="submit">{t('deal.create')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Reopens a won or lost deal: why (required), and optionally into which open stage. */
export function ReopenDialog({
  deal,
  stages,
  onClose,
  onSubmit,
}: {
  deal: { title: string };
  stages: { id: string; name: string }[];
  onClose: () => void;
  onSubmit: (reason: string, stageId: string | null) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await onSubmit(fieldText(form, 'reason').trim(), fieldText(form, 'stageId') || null);
      onClose();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal title={t('reopen.title', { deal: deal.title })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="dialog-form">
        <label>
          {t('reopen.reason')}
          <input name="reason" required maxLength={500} />
        </label>
        <label>
          {t('reopen.stage')}
          <select name="stageId" defaultValue="">
            <option value="">{t('reopen.whereItWas')}</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.name}
              </option>
            ))}
          </select>
        </label>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('deal.cancel')}
          </button>
          <button type="submit">{t('reopen.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}
