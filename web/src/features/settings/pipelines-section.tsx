import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../api/models';
import { localName, usePipelineDetails } from '../../pipelines';
import { Field, FormError, fieldText } from '../../shared/api-form';
import {
  addStage,
  changePipeline,
  createPipeline,
  type NewPipeline,
  type NewStage,
  type PipelineChange,
  reorderStages,
  STAGE_KINDS,
  type StageKind,
  stageKindName,
  useSettingsChange,
} from './pipeline-settings-api';
import { refreshAfterPipelineChange, useStageProbabilities } from './settings-api';
import { FollowUpTemplate } from './follow-up-template';
import { StageRow } from './stage-row';

/** Pipelines in the order the API keeps them (their position), archived ones left out. */
function activePipelines(pipelines: Pipeline[] | undefined): Pipeline[] {
  return (pipelines ?? [])
    .filter((pipeline) => !pipeline.archived)
    .sort((a, b) => a.position - b.position);
}

/**
 * The pipelines and their stages; admins add, rename, reorder and make default pipelines, and
 * add, tune, reorder and archive their stages. Others read.
 */
export function PipelinesSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const pipelines = usePipelineDetails();
  const active = activePipelines(pipelines.data);
  return (
    <section className="panel settings-section" aria-labelledby="pipelines-title">
      <h2 id="pipelines-title">{t('settings.pipelines.title')}</h2>
      <p className="hint">{t('settings.pipelines.intro')}</p>
      {pipelines.isError && <p role="alert">{t('errors.generic')}</p>}
      {active.map((pipeline, index) => (
        <PipelineBlock
          key={pipeline.id}
          pipeline={pipeline}
          canManage={canManage}
          isFirst={index === 0}
          isLast={index === active.length - 1}
          place={index + 1}
        />
      ))}
      {canManage && <NewPipelineForm />}
      {canManage && <ArchivedPipelines pipelines={pipelines.data ?? []} />}
    </section>
  );
}

/** Archived pipelines, each with a way back (it returns last among the active ones). */
function ArchivedPipelines({ pipelines }: { pipelines: Pipeline[] }) {
  const { t } = useTranslation();
  const archived = pipelines.filter((pipeline) => pipeline.archived);
  if (archived.length === 0) return null;
  return (
    <section aria-labelledby="archived-pipelines-title">
      <h3 id="archived-pipelines-title">{t('settings.pipelines.archived')}</h3>
      <ul>
        {archived.map((pipeline) => (
          <ArchivedPipeline key={pipeline.id} pipeline={pipeline} />
        ))}
      </ul>
    </section>
  );
}

function ArchivedPipeline({ pipeline }: { pipeline: Pipeline }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const restore = useSettingsChange(
    {
      mutationFn: () => changePipeline(pipeline, { archived: false }),
      onSettled: () => void refreshAfterPipelineChange(queryClient),
    },
    { hasFields: false },
  );
  const name = localName(pipeline, i18n.language);
  return (
    <li>
      {name}{' '}
      <button type="button" disabled={restore.isPending} onClick={() => restore.mutate()}>
        {t('settings.pipelines.restore', { name })}
      </button>
      <FormError form={restore} />
    </li>
  );
}

function NewPipelineForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const add = useSettingsChange({
    mutationFn: createPipeline,
    onSettled: () => void refreshAfterPipelineChange(queryClient),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    const body: NewPipeline = {
      nameEn: fieldText(data, 'nameEn'),
      nameAr: fieldText(data, 'nameAr'),
      ...(data.has('isDefault') ? { isDefault: true } : {}),
    };
    add.mutate(body, { onSuccess: () => element.reset() });
  };
  return (
    <details className="target-form">
      <summary>{t('settings.pipelines.add')}</summary>
      <form className="filter-bar" aria-label={t('settings.pipelines.add')} onSubmit={submit}>
        <p className="hint form-note">{t('settings.pipelines.addHint')}</p>
        <Field label={t('settings.pipelines.nameEn')} name="nameEn" form={add}>
          {(props) => <input {...props} required maxLength={120} />}
        </Field>
        <Field label={t('settings.pipelines.nameAr')} name="nameAr" form={add}>
          {(props) => <input {...props} required maxLength={120} lang="ar" dir="rtl" />}
        </Field>
        <label className="check">
          <input type="checkbox" name="isDefault" />
          {t('settings.pipelines.makeItDefault')}
        </label>
        <button type="submit" disabled={add.isPending}>
          {t('settings.pipelines.submit')}
        </button>
        <FormError form={add} />
      </form>
    </details>
  );
}

function PipelineBlock({
  pipeline,
  canManage,
  isFirst,
  isLast,
  place,
}: {
  pipeline: Pipeline;
  canManage: boolean;
  isFirst: boolean;
  isLast: boolean;
  /** 1-based place among the active pipelines. */
  place: number;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const probabilities = useStageProbabilities(pipeline.id);
  // Saved or refused for a newer version: either way the page shows what the server has now.
  const onSettled = () => void refreshAfterPipelineChange(queryClient);
  const rename = useSettingsChange({
    mutationFn: (body: PipelineChange) => changePipeline(pipeline, body),
    onSettled,
  });
  // Making default and moving among the pipelines: buttons of the pipeline's own.
  const change = useSettingsChange(
    { mutationFn: (body: PipelineChange) => changePipeline(pipeline, body), onSettled },
    { hasFields: false },
  );
  const reorder = useSettingsChange(
    { mutationFn: (stageIds: string[]) => reorderStages(pipeline, stageIds), onSettled },
    { hasFields: false },
  );
  const [isRenaming, setRenaming] = useState(false);
  const stages = pipeline.stages.filter((stage) => !stage.archived);
  const name = localName(pipeline, i18n.language);
  const historicalOf = (stageId: string) =>
    probabilities.data?.stages.find((stage) => stage.stageId === stageId);

  const move = (index: number, by: -1 | 1) => {
    const order = stages.map((stage) => stage.id);
    const other = order[index + by];
    const current = order[index];
    if (other === undefined || current === undefined) return;
    order[index + by] = current;
    order[index] = other;
    reorder.mutate(order);
  };

  const submitName = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    rename.mutate(
      { nameEn: fieldText(data, 'nameEn'), nameAr: fieldText(data, 'nameAr') },
      { onSuccess: () => setRenaming(false) },
    );
  };

  const headers = [
    t('settings.stages.nameEn'),
    t('settings.stages.nameAr'),
    t('settings.stages.kind'),
    t('settings.stages.configured'),
    t('settings.stages.historical'),
    t('settings.stages.rottingDays'),
    t('settings.stages.category'),
    t('settings.stages.exitCriteria'),
    t('settings.stages.firstQualified'),
  ];
  return (
    <section className="pipeline-block" aria-labelledby={titleId}>
      <h3>
        <span id={titleId}>{name}</span>
        {pipeline.isDefault && <span className="badge">{t('settings.pipelines.default')}</span>}
      </h3>
      {canManage && (
        <div className="row-actions">
          {!isRenaming && (
            <button type="button" onClick={() => setRenaming(true)}>
              {t('settings.pipelines.rename', { name })}
            </button>
          )}
          {!pipeline.isDefault && (
            <button
              type="button"
              disabled={change.isPending}
              onClick={() => change.mutate({ isDefault: true })}
            >
              {t('settings.pipelines.makeDefault', { name })}
            </button>
          )}
          {!pipeline.isDefault && (
            <button
              type="button"
              disabled={change.isPending}
              onClick={() => {
                if (window.confirm(t('settings.pipelines.confirmArchive', { name }))) {
                  change.mutate({ archived: true });
                }
              }}
            >
              {t('settings.pipelines.archive', { name })}
            </button>
          )}
          <button
            type="button"
            disabled={isFirst || change.isPending}
            aria-label={t('settings.pipelines.moveUp', { name })}
            onClick={() => change.mutate({ position: place - 1 })}
          >
            ↑
          </button>
          <button
            type="button"
            disabled={isLast || change.isPending}
            aria-label={t('settings.pipelines.moveDown', { name })}
            onClick={() => change.mutate({ position: place + 1 })}
          >
            ↓
          </button>
        </div>
      )}
      <FormError form={change} />
      {isRenaming && (
        <form
          className="filter-bar"
          aria-label={t('settings.pipelines.rename', { name })}
          onSubmit={submitName}
        >
          <Field label={t('settings.pipelines.nameEn')} name="nameEn" form={rename}>
            {(props) => (
              <input {...props} defaultValue={pipeline.nameEn} required maxLength={120} />
            )}
          </Field>
          <Field label={t('settings.pipelines.nameAr')} name="nameAr" form={rename}>
            {(props) => (
              <input
                {...props}
                defaultValue={pipeline.nameAr}
                required
                maxLength={120}
                lang="ar"
                dir="rtl"
              />
            )}
          </Field>
          <button type="submit" disabled={rename.isPending}>
            {t('settings.save')}
          </button>
          <button type="button" onClick={() => setRenaming(false)}>
            {t('deal.cancel')}
          </button>
          <FormError form={rename} />
        </form>
      )}
      {probabilities.data && (
        <p className="hint">
          {t('settings.stages.window', { months: probabilities.data.window.months })}
        </p>
      )}
      <FormError form={reorder} />
      <div
        className="table-scroll"
        role="region"
        aria-label={t('settings.stages.caption', { pipeline: name })}
        tabIndex={0}
      >
        <table className="list-table settings-table">
          <caption className="visually-hidden">
            {t('settings.stages.caption', { pipeline: name })}
          </caption>
          <thead>
            <tr>
              {headers.map((header) => (
                <th key={header} scope="col">
                  {header}
                </th>
              ))}
              {canManage && <th scope="col">{t('settings.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {stages.map((stage, index) => {
              const stageName = localName(stage, i18n.language);
              return (
                <StageRow
                  key={stage.id}
                  stage={stage}
                  historical={historicalOf(stage.id)}
                  canManage={canManage}
                  moveButtons={
                    <>
                      <button
                        type="button"
                        disabled={index === 0 || reorder.isPending}
                        aria-label={t('settings.stages.moveUp', { stage: stageName })}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        disabled={index === stages.length - 1 || reorder.isPending}
                        aria-label={t('settings.stages.moveDown', { stage: stageName })}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </button>
                    </>
                  }
                />
              );
            })}
          </tbody>
        </table>
      </div>
      {canManage && <NewStageForm pipeline={pipeline} name={name} />}
      <FollowUpTemplate pipeline={pipeline} name={name} canManage={canManage} />
    </section>
  );
}

/** A stage added to a pipeline; an open one goes before the first won stage, a won one last. */
function NewStageForm({ pipeline, name }: { pipeline: Pipeline; name: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const add = useSettingsChange({
    mutationFn: (body: NewStage) => addStage(pipeline, body),
    onSettled: () => void refreshAfterPipelineChange(queryClient),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    add.mutate(
      {
        nameEn: fieldText(data, 'nameEn'),
        nameAr: fieldText(data, 'nameAr'),
        kind: fieldText(data, 'kind') as StageKind,
        probability: Number(fieldText(data, 'probability')),
      },
      { onSuccess: () => element.reset() },
    );
  };
  const title = t('settings.stages.add', { pipeline: name });
  return (
    <details className="target-form">
      <summary>{title}</summary>
      <form className="filter-bar" aria-label={title} onSubmit={submit}>
        <Field label={t('settings.stages.nameEn')} name="nameEn" form={add}>
          {(props) => <input {...props} required maxLength={120} />}
        </Field>
        <Field label={t('settings.stages.nameAr')} name="nameAr" form={add}>
          {(props) => <input {...props} required maxLength={120} lang="ar" dir="rtl" />}
        </Field>
        <Field label={t('settings.stages.kind')} name="kind" form={add}>
          {(props) => (
            <select {...props} defaultValue="open">
              {STAGE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {stageKindName(kind, t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settings.stages.probability')} name="probability" form={add}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              max={100}
              step={1}
              required
              className="narrow"
              defaultValue={50}
            />
          )}
        </Field>
        <button type="submit" disabled={add.isPending}>
          {t('settings.stages.submit')}
        </button>
        <FormError form={add} />
      </form>
    </details>
  );
}
