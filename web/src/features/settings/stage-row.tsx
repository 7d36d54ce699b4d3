import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, ifMatch } from '../../api/client';
import type { RequestBody, Stage } from '../../api/models';
import { formatNumber, formatPercent } from '../../format';
import { localName } from '../../pipelines';
import { Field, FormError, fieldText } from '../../shared/api-form';
import { refreshAfterPipelineChange, useSettingsMutation } from './settings-api';

const CATEGORIES = ['pipeline', 'best_case', 'commit'] as const;

export interface Historical {
  historical: number;
  sampleSize: number;
}

function categoryName(category: Stage['forecastCategory'], t: (key: string) => string): string {
  switch (category) {
    case 'pipeline':
      return t('settings.stages.category_pipeline');
    case 'best_case':
      return t('settings.stages.category_best_case');
    case 'commit':
      return t('settings.stages.category_commit');
  }
}

/** The historical probability beside the configured one, with how many deals it rests on. */
function HistoricalCell({ historical }: { historical: Historical | undefined }) {
  const { t, i18n } = useTranslation();
  if (!historical) return <td>—</td>;
  return (
    <td>
      {formatPercent(historical.historical, i18n.language)}
      <span className="hint row-note">
        {t('settings.stages.sample', {
          count: historical.sampleSize,
          deals: formatNumber(historical.sampleSize, i18n.language),
        })}
      </span>
    </td>
  );
}

/** One stage as a row of the stages table; an admin edits it in place (its own form). */
export function StageRow({
  stage,
  historical,
  canManage,
  moveButtons,
}: {
  stage: Stage;
  historical: Historical | undefined;
  canManage: boolean;
  moveButtons: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useSettingsMutation({
    mutationFn: (body: RequestBody<'/api/v1/stages/{id}', 'patch'>) =>
      answer(
        client.PATCH('/api/v1/stages/{id}', {
          params: { path: { id: stage.id } },
          headers: ifMatch(stage.version),
          body,
        }),
      ),
    // Saved or refused for a newer version: either way the row shows what the server has now.
    onSettled: () => void refreshAfterPipelineChange(queryClient),
  });
  const formId = `stage-form-${stage.id}`;
  const name = localName(stage, i18n.language);
  if (!canManage) {
    return (
      <tr>
        <th scope="row">{stage.nameEn}</th>
        <td lang="ar" dir="rtl">
          {stage.nameAr}
        </td>
        <td>{formatPercent(stage.probability / 100, i18n.language)}</td>
        <HistoricalCell historical={historical} />
        <td>{stage.rottingDays === null ? '—' : formatNumber(stage.rottingDays, i18n.language)}</td>
        <td>{categoryName(stage.forecastCategory, t)}</td>
      </tr>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const rotting = fieldText(data, 'rottingDays').trim();
    form.mutate({
      nameEn: fieldText(data, 'nameEn'),
      nameAr: fieldText(data, 'nameAr'),
      probability: Number(fieldText(data, 'probability')),
      rottingDays: rotting === '' ? null : Number(rotting),
      forecastCategory: fieldText(data, 'forecastCategory') as Stage['forecastCategory'],
    });
  };
  return (
    <tr>
      <td>
        <Field
          label={t('settings.stages.nameEnOf', { stage: name })}
          name="nameEn"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <input
              {...props}
              key={stage.version}
              form={formId}
              defaultValue={stage.nameEn}
              required
              maxLength={120}
            />
          )}
        </Field>
      </td>
      <td>
        <Field
          label={t('settings.stages.nameArOf', { stage: name })}
          name="nameAr"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <input
              {...props}
              key={stage.version}
              form={formId}
              defaultValue={stage.nameAr}
              required
              maxLength={120}
              lang="ar"
              dir="rtl"
            />
          )}
        </Field>
      </td>
      <td>
        <Field
          label={t('settings.stages.probabilityOf', { stage: name })}
          name="probability"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <input
              {...props}
              key={stage.version}
              form={formId}
              type="number"
              min={0}
              max={100}
              step={1}
              required
              className="narrow"
              defaultValue={stage.probability}
            />
          )}
        </Field>
      </td>
      <HistoricalCell historical={historical} />
      <td>
        <Field
          label={t('settings.stages.rottingOf', { stage: name })}
          name="rottingDays"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <input
              {...props}
              key={stage.version}
              form={formId}
              type="number"
              min={1}
              max={3650}
              step={1}
              className="narrow"
              defaultValue={stage.rottingDays ?? ''}
            />
          )}
        </Field>
      </td>
      <td>
        <Field
          label={t('settings.stages.categoryOf', { stage: name })}
          name="forecastCategory"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <select
              {...props}
              key={stage.version}
              form={formId}
              defaultValue={stage.forecastCategory}
            >
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {categoryName(category, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </td>
      <td>
        <form id={formId} onSubmit={submit} className="row-actions">
          <button
            type="submit"
            disabled={form.isPending}
            aria-label={t('settings.stages.saveOf', { stage: name })}
          >
            {t('settings.save')}
          </button>
          {moveButtons}
        </form>
        <FormError form={form} />
      </td>
    </tr>
  );
}
