/** After the sale: the tasks a deal won in this pipeline gives its owner, edited as a list. */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '../../api/models';
import { FormError } from '../../shared/api-form';
import { kindKey } from '../activities/activity-kind';
import { changePipeline, type PipelineChange, useSettingsChange } from './pipeline-settings-api';
import { refreshAfterPipelineChange } from './settings-api';

type Task = Pipeline['followUpTasks'][number];
const KINDS: readonly Task['kind'][] = ['call', 'email', 'meeting', 'task'];

export function FollowUpTemplate({
  pipeline,
  name,
  canManage,
}: {
  pipeline: Pipeline;
  name: string;
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const change = useSettingsChange(
    {
      mutationFn: (body: PipelineChange) => changePipeline(pipeline, body),
      onSettled: () => void refreshAfterPipelineChange(queryClient),
    },
    { hasFields: false },
  );
  const titleId = useId();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const shown = tasks ?? pipeline.followUpTasks;
  if (!canManage) {
    return (
      <section aria-labelledby={titleId} className="follow-up-template">
        <h4 id={titleId}>{t('settings.followUp.title', { name })}</h4>
        {pipeline.followUpTasks.length === 0 ? (
          <p className="hint">{t('settings.followUp.none')}</p>
        ) : (
          <ul className="plain-list">
            {pipeline.followUpTasks.map((task, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the template is a list by position
              <li key={index}>
                {t(kindKey(task.kind))}: {i18n.language === 'ar' ? task.subjectAr : task.subjectEn}{' '}
                · {t('settings.followUp.afterDays', { count: task.days })}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  const edit = (index: number, patch: Partial<Task>) =>
    setTasks(shown.map((task, i) => (i === index ? { ...task, ...patch } : task)));
  return (
    <section aria-labelledby={titleId} className="follow-up-template">
      <h4 id={titleId}>{t('settings.followUp.title', { name })}</h4>
      <p className="hint">{t('settings.followUp.explain')}</p>
      {shown.length === 0 && <p className="hint">{t('settings.followUp.none')}</p>}
      <ol className="plain-list">
        {shown.map((task, index) => {
          const label = (field: string) =>
            t('settings.followUp.field', { field, number: index + 1 });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions in a list being edited
            <li key={index} className="filter-bar">
              <select
                aria-label={label(t('activity.kind'))}
                value={task.kind}
                disabled={!canManage}
                onChange={(e) => edit(index, { kind: e.target.value as Task['kind'] })}
              >
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(kindKey(kind))}
                  </option>
                ))}
              </select>
              <input
                aria-label={label(t('settings.followUp.subjectEn'))}
                value={task.subjectEn}
                maxLength={300}
                disabled={!canManage}
                onChange={(e) => edit(index, { subjectEn: e.target.value })}
              />
              <input
                aria-label={label(t('settings.followUp.subjectAr'))}
                value={task.subjectAr}
                maxLength={300}
                lang="ar"
                dir="rtl"
                disabled={!canManage}
                onChange={(e) => edit(index, { subjectAr: e.target.value })}
              />
              <input
                aria-label={label(t('settings.followUp.days'))}
                type="number"
                min={0}
                max={3650}
                className="narrow"
                value={task.days}
                disabled={!canManage}
                onChange={(e) => edit(index, { days: Number(e.target.value) })}
              />
              {canManage && (
                <button
                  type="button"
                  aria-label={t('settings.followUp.remove', { number: index + 1 })}
                  onClick={() => setTasks(shown.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <FormError form={change} />
      {canManage && (
        <div className="row-actions">
          <button
            type="button"
            onClick={() =>
              setTasks([...shown, { kind: 'task', subjectEn: '', subjectAr: '', days: 7 }])
            }
          >
            {t('settings.followUp.add')}
          </button>
          <button
            type="button"
            disabled={tasks === null || change.isPending}
            onClick={() => {
              change.mutate({ followUpTasks: shown });
              setTasks(null);
            }}
          >
            {t('settings.followUp.save', { name })}
          </button>
        </div>
      )}
    </section>
  );
}
