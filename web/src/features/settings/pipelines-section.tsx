import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, ifMatch } from '../../api/client';
import type { Pipeline } from '../../api/models';
import { localName, usePipelineDetails } from '../../pipelines';
import { Field, FormError, fieldText } from '../../shared/api-form';
import {
  refreshAfterPipelineChange,
  useSettingsMutation,
  useStageProbabilities,
} from './settings-api';
import { StageRow } from './stage-row';

/** The pipelines and their stages; admins rename, reorder and tune them, others read. */
export function PipelinesSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const pipelines = usePipelineDetails();
  return (
    <section className="panel settings-section" aria-labelledby="pipelines-title">
      <h2 id="pipelines-title">{t('settings.pipelines.title')}</h2>
      <p className="hint">{t('settings.pipelines.intro')}</p>
      {pipelines.isError && <p role="alert">{t('errors.generic')}</p>}
      {(pipelines.data ?? [])
        .filter((pipeline) => !pipeline.archived)
        .map((pipeline) => (
          <PipelineBlock key={pipeline.id} pipeline={pipeline} canManage={canManage} />
        ))}
    </section>
  );
}

function PipelineBlock({ pipeline, canManage }: { pipeline: Pipeline; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const probabilities = useStageProbabilities(pipeline.id);
  // Saved or refused for a newer version: either way the page shows what the server has now.
  const onSettled = () => void refreshAfterPipelineChange(queryClient);
  const at = { params: { path: { id: pipeline.id } }, headers: ifMatch(pipeline.version) };
  const rename = useSettingsMutation({
    mutationFn: (body: { nameEn: string; nameAr: string }) =>
      answer(client.PATCH('/api/v1/pipelines/{id}', { ...at, body })),
    onSettled,
  });
  const reorder = useSettingsMutation({
    mutationFn: (stageIds: string[]) =>
      answer(client.PUT('/api/v1/pipelines/{id}/stage-order', { ...at, body: { stageIds } })),
    onSettled,
  });
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
    t('settings.stages.configured'),
    t('settings.stages.historical'),
    t('settings.stages.rottingDays'),
    t('settings.stages.category'),
  ];
  return (
    <div className="pipeline-block">
      <h3>
        {name}
        {pipeline.isDefault && <span className="badge">{t('settings.pipelines.default')}</span>}
      </h3>
      {canManage && !isRenaming && (
        <button type="button" onClick={() => setRenaming(true)}>
          {t('settings.pipelines.rename', { name })}
        </button>
      )}
      {isRenaming && (
        <form className="filter-bar" onSubmit={submitName}>
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
      <div className="table-scroll">
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
    </div>
  );
}
