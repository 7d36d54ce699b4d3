import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../api/models';
import { formatNumber, formatPercent, localeOf } from '../../format';
import { localName } from '../../pipelines';
import { Field, FormError, type FormWithErrors, fieldText } from '../../shared/api-form';
import {
  archiveStage,
  changeStage,
  EXIT_CRITERIA,
  type ExitCriterion,
  exitCriterionName,
  STAGE_KINDS,
  type StageChange,
  type StageKind,
  stageKindName,
  useSettingsChange,
} from './pipeline-settings-api';
import { refreshAfterPipelineChange } from './settings-api';

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

/** The exit criteria of a stage, as words: "Amount and Company", or a dash for none. */
function criteriaText(
  criteria: ExitCriterion[],
  t: (key: string) => string,
  language: string,
): string {
  if (criteria.length === 0) return '—';
  const names = criteria.map((criterion) => exitCriterionName(criterion, t));
  return new Intl.ListFormat(localeOf(language), { type: 'conjunction' }).format(names);
}

/**
 * The stage's exit criteria as labelled checkboxes of the row's form: a deal leaves the stage
 * forward only with each checked one met.
 */
function ExitCriteriaChecks({
  stage,
  name,
  formId,
  form,
}: {
  stage: Stage;
  name: string;
  formId: string;
  form: FormWithErrors;
}) {
  const { t } = useTranslation();
  const errorId = useId();
  const error = form.errors.fields.exitCriteria;
  return (
    <fieldset className="criteria-checks" aria-describedby={error ? errorId : undefined}>
      <legend className="visually-hidden">
        {t('settings.stages.exitCriteriaOf', { stage: name })}
      </legend>
      {EXIT_CRITERIA.map((criterion) => (
        <label key={`${criterion}-${stage.version}`} className="check">
          <input
            type="checkbox"
            form={formId}
            name="exitCriteria"
            value={criterion}
            defaultChecked={stage.exitCriteria.includes(criterion)}
          />
          {exitCriterionName(criterion, t)}
        </label>
      ))}
      {error && (
        <span id={errorId} className="error field__error">
          {error}
        </span>
      )}
    </fieldset>
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
  // Saved or refused for a newer version: either way the row shows what the server has now.
  const onSettled = () => void refreshAfterPipelineChange(queryClient);
  const form = useSettingsChange(
    { mutationFn: (body: StageChange) => changeStage(stage, body), onSettled },
    { sentences: { CONFLICT: t('settings.refusals.stageKind') } },
  );
  const archive = useSettingsChange(
    { mutationFn: () => archiveStage(stage), onSettled },
    { hasFields: false, sentences: { CONFLICT: t('settings.refusals.stageArchive') } },
  );
  const formId = `stage-form-${stage.id}`;
  const name = localName(stage, i18n.language);
  if (!canManage) {
    return (
      <tr>
        <th scope="row">{stage.nameEn}</th>
        <td lang="ar" dir="rtl">
          {stage.nameAr}
        </td>
        <td>{stageKindName(stage.kind, t)}</td>
        <td>{formatPercent(stage.probability / 100, i18n.language)}</td>
        <HistoricalCell historical={historical} />
        <td>{stage.rottingDays === null ? '—' : formatNumber(stage.rottingDays, i18n.language)}</td>
        <td>{categoryName(stage.forecastCategory, t)}</td>
        <td>{criteriaText(stage.exitCriteria, t, i18n.language)}</td>
        <td>{stage.isFirstQualified ? t('settings.stages.yes') : '—'}</td>
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
      kind: fieldText(data, 'kind') as StageKind,
      exitCriteria: data
        .getAll('exitCriteria')
        .filter((value): value is ExitCriterion => typeof value === 'string'),
      isFirstQualified: data.has('isFirstQualified'),
    });
  };
  const confirmArchive = () => {
    if (window.confirm(t('settings.stages.confirmArchive', { stage: name }))) archive.mutate();
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
          label={t('settings.stages.kindOf', { stage: name })}
          name="kind"
          form={form}
          isLabelHidden
        >
          {(props) => (
            <select
              {...props}
              key={stage.version}
              form={formId}
              className="narrow"
              defaultValue={stage.kind}
            >
              {STAGE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {stageKindName(kind, t)}
                </option>
              ))}
            </select>
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
        <ExitCriteriaChecks stage={stage} name={name} formId={formId} form={form} />
      </td>
      <td>
        <label className="check">
          <input
            key={stage.version}
            type="checkbox"
            form={formId}
            name="isFirstQualified"
            defaultChecked={stage.isFirstQualified}
          />
          <span className="visually-hidden">
            {t('settings.stages.firstQualifiedOf', { stage: name })}
          </span>
        </label>
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
          <button
            type="button"
            disabled={archive.isPending}
            aria-label={t('settings.stages.archiveOf', { stage: name })}
            onClick={confirmArchive}
          >
            {t('settings.stages.archive')}
          </button>
        </form>
        <FormError form={form} />
        <FormError form={archive} />
      </td>
    </tr>
  );
}
