import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client } from '../../api/client';
import { lostReasonsKey, useLostReasons } from '../../api/lost-reasons';
import type { LostReason } from '../../api/models';
import { Field, FormError, fieldText } from '../../shared/api-form';
import { archiveLostReason, changeLostReason, useSettingsMutation } from './settings-api';

interface Labels {
  labelEn: string;
  labelAr: string;
}

function labelsOf(data: FormData): Labels {
  return { labelEn: fieldText(data, 'labelEn'), labelAr: fieldText(data, 'labelAr') };
}

/** The reasons a deal can be lost for; admins and managers add, relabel and remove them. */
export function LostReasonsSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reasons = useLostReasons();
  const add = useSettingsMutation({
    mutationFn: (body: Labels) => answer(client.POST('/api/v1/lost-reasons', { body })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: lostReasonsKey }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    add.mutate(labelsOf(new FormData(element)), { onSuccess: () => element.reset() });
  };
  return (
    <section className="panel settings-section" aria-labelledby="lost-reasons-title">
      <h2 id="lost-reasons-title">{t('settings.lostReasons.title')}</h2>
      <div
        className="table-scroll"
        role="region"
        aria-label={t('settings.lostReasons.title')}
        tabIndex={0}
      >
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
        <form className="filter-bar" onSubmit={submit}>
          <Field label={t('settings.lostReasons.newEn')} name="labelEn" form={add}>
            {(props) => <input {...props} required maxLength={120} />}
          </Field>
          <Field label={t('settings.lostReasons.newAr')} name="labelAr" form={add}>
            {(props) => <input {...props} required maxLength={120} lang="ar" dir="rtl" />}
          </Field>
          <button type="submit" disabled={add.isPending}>
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
  // One form for both buttons: new labels are saved, none (null) removes the reason. Both are
  // sent at the version shown; a stale one (409) reads the list again, the conflict is said, and
  // the fields (keyed by version) show the other person's labels.
  const form = useSettingsMutation({
    mutationFn: async ({ shown, labels }: { shown: LostReason; labels: Labels | null }) => {
      if (labels) await changeLostReason(shown, labels);
      else await archiveLostReason(shown);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: lostReasonsKey }),
  });
  const formId = `lost-reason-${reason.id}`;
  const label = i18n.language === 'ar' ? reason.labelAr : reason.labelEn;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    form.mutate({ shown: reason, labels: labelsOf(new FormData(event.currentTarget)) });
  };
  const remove = () => {
    if (window.confirm(t('settings.lostReasons.confirmDelete', { label }))) {
      form.mutate({ shown: reason, labels: null });
    }
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
              key={reason.version}
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
              key={reason.version}
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
        <form id={formId} className="row-actions" onSubmit={submit}>
          <button
            type="submit"
            disabled={form.isPending}
            aria-label={t('settings.lostReasons.saveOf', { label })}
          >
            {t('settings.save')}
          </button>
          <button
            type="button"
            disabled={form.isPending}
            aria-label={t('settings.lostReasons.deleteOf', { label })}
            onClick={remove}
          >
            {t('settings.delete')}
          </button>
        </form>
        <FormError form={form} />
      </td>
    </tr>
  );
}
