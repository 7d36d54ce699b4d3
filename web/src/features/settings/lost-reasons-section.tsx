import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { fieldText } from '../../form';
import type { LostReason } from '../../types';
import { useLostReasons } from '../board/board-api';
import { Field, FormError, useApiForm } from './api-errors';

async function refreshLostReasons(queryClient: ReturnType<typeof useQueryClient>) {
  await queryClient.invalidateQueries({ queryKey: ['lost-reasons'] });
}

/** The reasons a deal can be lost for; admins and managers add, relabel and remove them. */
export function LostReasonsSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reasons = useLostReasons();
  const add = useApiForm();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const isSaved = await add.run(() =>
      api('/lost-reasons', {
        method: 'POST',
        body: { labelEn: fieldText(data, 'labelEn'), labelAr: fieldText(data, 'labelAr') },
      }),
    );
    if (isSaved) element.reset();
    await refreshLostReasons(queryClient);
  };
  return (
    <section className="panel settings-section" aria-labelledby="lost-reasons-title">
      <h2 id="lost-reasons-title">{t('settings.lostReasons.title')}</h2>
      <div className="table-scroll">
        <table className="list-table settings-table">
          <caption className="visually-hidden">{t('settings.lostReasons.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.lostReasons.labelEn')}</th>
              <th scope="col">{t('settings.lostReasons.labelAr')}</th>
              {canManage && <th scope="col">{t('settings.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {(reasons.data ?? []).map((reason) =>
              canManage ? (
                <LostReasonRow key={reason.id} reason={reason} />
              ) : (
                <tr key={reason.id}>
                  <th scope="row">{reason.labelEn}</th>
                  <td lang="ar" dir="rtl">
                    {reason.labelAr}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {canManage && (
        <form className="filter-bar" onSubmit={(event) => void submit(event)}>
          <Field label={t('settings.lostReasons.newEn')} name="labelEn" form={add}>
            {(props) => <input {...props} required maxLength={120} />}
          </Field>
          <Field label={t('settings.lostReasons.newAr')} name="labelAr" form={add}>
            {(props) => <input {...props} required maxLength={120} lang="ar" dir="rtl" />}
          </Field>
          <button type="submit" disabled={add.isBusy}>
            {t('settings.lostReasons.add')}
          </button>
          <FormError form={add} />
        </form>
      )}
    </section>
  );
}

function LostReasonRow({ reason }: { reason: LostReason }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useApiForm();
  const formId = `lost-reason-${reason.id}`;
  const label = i18n.language === 'ar' ? reason.labelAr : reason.labelEn;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    await form.run(() =>
      api(`/lost-reasons/${reason.id}`, {
        method: 'PATCH',
        body: { labelEn: fieldText(data, 'labelEn'), labelAr: fieldText(data, 'labelAr') },
      }),
    );
    await refreshLostReasons(queryClient);
  };
  const remove = async () => {
    if (!window.confirm(t('settings.lostReasons.confirmDelete', { label }))) return;
    await form.run(() => api(`/lost-reasons/${reason.id}`, { method: 'DELETE' }));
    await refreshLostReasons(queryClient);
  };
  return (
    <tr>
      <td>
        <Field
          label={t('settings.lostReasons.labelEnOf', { label })}
          name="labelEn"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <input
              {...props}
              form={formId}
              defaultValue={reason.labelEn}
              required
              maxLength={120}
            />
          )}
        </Field>
      </td>
      <td>
        <Field
          label={t('settings.lostReasons.labelArOf', { label })}
          name="labelAr"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <input
              {...props}
              form={formId}
              defaultValue={reason.labelAr}
              required
              maxLength={120}
              lang="ar"
              dir="rtl"
            />
          )}
        </Field>
      </td>
      <td>
        <form id={formId} className="row-actions" onSubmit={(event) => void submit(event)}>
          <button
            type="submit"
            disabled={form.isBusy}
            aria-label={t('settings.lostReasons.saveOf', { label })}
          >
            {t('settings.save')}
          </button>
          <button
            type="button"
            disabled={form.isBusy}
            aria-label={t('settings.lostReasons.deleteOf', { label })}
            onClick={() => void remove()}
          >
            {t('settings.delete')}
          </button>
        </form>
        <FormError form={form} />
      </td>
    </tr>
  );
}
