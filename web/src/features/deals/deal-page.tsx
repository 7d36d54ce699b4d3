import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  keepDeal,
  moveDeal,
  patchDeal,
  putQualification,
  requalifyDeal,
  dismissDealFlag,
  refreshAfterDealChange,
  useDeal,
  useDealHistory,
  useLatestDeal,
} from '../../api/deals';
import { useCustomFields } from '../../api/custom-fields';
import type { DealChange, HistoryEntry } from '../../api/models';
import { useQueryClient } from '@tanstack/react-query';
import { formatDate } from '../../format';
import { localName, usePipelineDetails } from '../../pipelines';
import { fieldText } from '../../shared/api-form';
import { useVersionedSave } from '../../shared/conflict';
import { EditableField } from '../../shared/editable-field';
import { RecordActivities, type TimelineEvent } from '../activities/record-activities';
import { DealActions } from './deal-actions';
import { DealContacts } from './deal-contacts';
import { DealFields } from './deal-fields';
import { DealExpansions } from './deal-expansions';
import { DealFlags } from './deal-flags';
import { DealItems } from './deal-items';
import { IcpFitPanel } from '../icp/icp-fit-panel';
import { DealQualification, type QualificationChange } from './deal-qualification';
import { DealSurveys } from './deal-surveys';
import {
  currencyOfEntries,
  describeFieldChange,
  type FieldChangeContext,
  type FieldHistoryEntry,
  sourceText,
} from './field-change';
import { useMembers } from '../../workspace';

type StageEntry = Extract<HistoryEntry, { kind: 'stage' }>;

/**
 * A deal, where a rep works it: the next step first, every field edited in place, its people
 * and line items, and a timeline of its activities merged with its stage history.
 */
export default function DealPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [withHijri, setHijri] = useState(false);
  const [now] = useState(() => Date.now());
  const deal = useDeal(id);
  const history = useDealHistory(id);
  const pipelines = usePipelineDetails();
  const members = useMembers();
  const customFields = useCustomFields();
  const latest = useLatestDeal();
  const { save, dialog } = useVersionedSave();
  if (deal.isPending) return <p className="loading">…</p>;
  if (deal.isError) return <p role="alert">{t('errors.generic')}</p>;
  const d = deal.data;
  const pipeline = pipelines.data?.find((p) => p.id === d.pipelineId);
  const stages = pipeline?.stages ?? [];
  const stage = stages.find((s) => s.id === d.stageId);
  const stageName = (stageId: string) => {
    const found = pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === stageId);
    return found ? localName(found, i18n.language) : '';
  };
  const change = (body: DealChange) =>
    save(
      async (version) => {
        keepDeal(queryClient, await patchDeal({ id: d.id, version }, body));
        await refreshAfterDealChange(queryClient);
      },
      d.version,
      () => latest(d.id),
    );
  const saveQualification = (body: QualificationChange) =>
    save(
      async (version) => {
        keepDeal(queryClient, await putQualification({ id: d.id, version }, body));
        await refreshAfterDealChange(queryClient);
      },
      d.version,
      () => latest(d.id),
    );
  const requalify = (flagId: string, reason: string) =>
    save(
      async (version) => {
        keepDeal(queryClient, await requalifyDeal({ id: d.id, version }, flagId, reason));
        await Promise.all([
          refreshAfterDealChange(queryClient),
          queryClient.invalidateQueries({ queryKey: ['my-day'] }),
        ]);
      },
      d.version,
      () => latest(d.id),
    );
  const dismissFlag = async (flagId: string) => {
    keepDeal(queryClient, await dismissDealFlag(d.id, flagId));
    await queryClient.invalidateQueries({ queryKey: ['my-day'] });
  };
  const movePipeline = (pipelineId: string) => {
    const first = pipelines.data
      ?.find((p) => p.id === pipelineId)
      ?.stages.find((s) => s.kind === 'open' && !s.archived);
    if (!first) return Promise.resolve(false);
    return save(
      async (version) => {
        keepDeal(queryClient, await moveDeal({ id: d.id, version }, first.id));
        await refreshAfterDealChange(queryClient);
      },
      d.version,
      () => latest(d.id),
    );
  };
  const describe = (entry: StageEntry) => {
    const stage = stageName(entry.toStageId);
    if (entry.fromStatus === null) return t('deal.created', { stage });
    if (entry.toStatus === 'won') return t('deal.wonIn', { stage });
    if (entry.toStatus === 'lost') return t('deal.lostAt', { stage });
    if (entry.fromStatus !== 'open') return t('deal.reopened', { stage });
    return t('deal.movedTo', { stage });
  };
  const entries = history.data ?? [];
  const fieldEntries = entries.filter((e): e is FieldHistoryEntry => e.kind === 'field');
  const fieldContext: FieldChangeContext = {
    t,
    language: i18n.language,
    currencyAt: currencyOfEntries(fieldEntries, d.currency),
    memberName: (userId) => members.data?.find((m) => m.id === userId)?.name,
    pipelineName: (pipelineId) => {
      const found = pipelines.data?.find((p) => p.id === pipelineId);
      return found ? localName(found, i18n.language) : undefined;
    },
    customField: (key) => customFields.data?.find((f) => f.recordKind === 'deal' && f.key === key),
    members: members.data ?? [],
  };
  const when = (at: string | null) =>
    at && (
      <>
        {' · '}
        <time dateTime={at}>{formatDate(at, i18n.language, withHijri)}</time>
      </>
    );
  const events: TimelineEvent[] = entries.map((entry) => {
    if (entry.kind === 'field') {
      const text = describeFieldChange(entry, fieldContext);
      const source = sourceText(entry, t);
      const actor = entry.actorUserId ? fieldContext.memberName(entry.actorUserId) : undefined;
      return {
        id: entry.id,
        at: entry.at ?? '',
        content: (
          <article className="activity activity--field" aria-label={text}>
            <header>
              <span className="badge">{t('history.fieldBadge')}</span> <strong>{text}</strong>
              {when(entry.at)}
            </header>
            {(actor || source) && (
              <p className="hint">{[actor, source].filter(Boolean).join(' · ')}</p>
            )}
          </article>
        ),
      };
    }
    return {
      id: entry.id,
      at: entry.at ?? '',
      content: (
        <article className="activity activity--stage" aria-label={describe(entry)}>
          <header>
            <span className="badge">{t('deal.stage')}</span> <strong>{describe(entry)}</strong>
            {when(entry.at)}
          </header>
          {entry.reason && (
            <p>
              {t('deal.reasonLabel')}: {entry.reason}
            </p>
          )}
        </article>
      ),
    };
  });
  const canEdit = true;
  return (
    <article className="record-page deal-page">
      <nav aria-label={t('record.breadcrumbs')} className="breadcrumbs">
        <Link to="/">{t('deal.back')}</Link>
        {' · '}
        <Link to="/deals">{t('nav.deals')}</Link>
      </nav>
      <header className="record-head">
        <dl className="fields record-title">
          <EditableField
            label={t('deal.title')}
            canEdit={canEdit}
            value={<h1>{d.title}</h1>}
            editor={(inputId) => (
              <input id={inputId} name="title" required maxLength={300} defaultValue={d.title} />
            )}
            onSave={(form) => change({ title: fieldText(form, 'title').trim() })}
          />
        </dl>
        <p className="record-status">
          <span className={`badge badge--${d.status}`}>{t(`deal.status_${d.status}`)}</span>{' '}
          {d.isStale && (
            <>
              <span className="badge badge--stale">{t('board.stale')}</span>{' '}
            </>
          )}
          {pipeline && localName(pipeline, i18n.language)} ·{' '}
          {stage && localName(stage, i18n.language)}
        </p>
        <DealFlags deal={d} onRequalify={requalify} onDismiss={dismissFlag} />
        <DealActions deal={d} stages={stages} />
      </header>
      <div className="record-columns">
        <div className="record-main">
          <RecordActivities
            of={{ dealId: d.id }}
            now={now}
            withHijri={withHijri}
            canEdit={canEdit}
            ownerId={d.ownerId}
            events={events}
            nextStepFirst
          />
        </div>
        <aside className="record-side">
          <section className="panel" aria-labelledby="deal-fields-title">
            <h2 id="deal-fields-title">{t('record.details')}</h2>
            <DealFields
              deal={d}
              stage={stage}
              withHijri={withHijri}
              canEdit={canEdit}
              change={change}
              movePipeline={movePipeline}
            />
            <label className="inline">
              <input
                type="checkbox"
                checked={withHijri}
                onChange={(e) => setHijri(e.target.checked)}
              />
              {t('calendar.hijri')}
            </label>
          </section>
          <DealExpansions deal={d} />
          <DealSurveys deal={d} />
          <DealQualification deal={d} canEdit={canEdit} save={saveQualification} />
          <IcpFitPanel kind="deal" id={d.id} />
          <DealContacts deal={d} canEdit={canEdit} change={change} />
          <DealItems deal={d} canEdit={canEdit} />
        </aside>
      </div>
      {dialog}
    </article>
  );
}
