import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLostReasons } from '../../api/lost-reasons';
import { addDays, startOfDayInstant } from '../../calendar-day';
import { formatDate, formatDay, formatMoney, formatNumber } from '../../format';
import { localName, usePipelineDetails } from '../../pipelines';
import { useSearchParam } from '../../search-param';
import { useSession } from '../../session';
import { fieldText, messageOf } from '../../shared/api-form';
import { MemberOptions } from '../../shared/owner-select';
import { WhoseSelect, whoseQuery } from '../../shared/whose-select';
import { useMembers } from '../../workspace';
import { ACTIVITY_KINDS, kindKey } from '../activities/activity-kind';
import { BottleneckPanel } from '../dashboard/bottleneck-panel';
import {
  REVIEW_SECTIONS,
  type Review,
  type ReviewActionBody,
  type ReviewActionResult,
  type ReviewDeal,
  type ReviewScope,
  type ReviewSection,
  useCloseReview,
  useReview,
  useReviewAction,
  useReviews,
  useReviewWorklist,
  useStartReview,
} from './review-api';

type ActionName = ReviewActionBody['action'];
const ACTIONS: readonly ActionName[] = [
  'nextStep',
  'move',
  'lose',
  'reassign',
  'pushCloseDate',
  'verifyValue',
];

const NINE_HOURS = 9 * 3_600_000;

/**
 * The pipeline review: a manager (or a rep, over their own deals) walks through what is wrong —
 * stale, overdue, no next step, value not verified, slipping — and deals with it in bulk. Each
 * sitting is recorded with what was decided, and can be reopened later.
 */
export default function ReviewPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const session = useSession();
  const isManager = session.data?.role === 'admin' || session.data?.role === 'manager';
  const [pipelineId, setPipelineId] = useSearchParam('pipeline');
  const [whose, setWhose] = useSearchParam('whose');
  const [reviewId, setReviewId] = useSearchParam('review');
  const pipelines = usePipelineDetails();
  const scope: ReviewScope = { ...(pipelineId ? { pipelineId } : {}), ...whoseQuery(whose) };
  const worklist = useReviewWorklist(scope);
  const review = useReview(reviewId);
  const [selected, setSelected] = useState<Map<string, ReviewDeal>>(new Map());
  const [outcome, setOutcome] = useState<ReviewActionResult | null>(null);
  const data = worklist.data;
  const defaultPipeline = pipelines.data?.find((p) => p.isDefault);

  const toggle = (deal: ReviewDeal, isOn: boolean) => {
    const next = new Map(selected);
    if (isOn) next.set(deal.id, deal);
    else next.delete(deal.id);
    setSelected(next);
  };
  const toggleAll = (deals: ReviewDeal[], isOn: boolean) => {
    const next = new Map(selected);
    for (const deal of deals) {
      if (isOn) next.set(deal.id, deal);
      else next.delete(deal.id);
    }
    setSelected(next);
  };

  return (
    <div className="review-page">
      <div className="board-page__bar">
        <h1>{t('review.title')}</h1>
        {data && <p className="hint">{formatDay(data.day, language)}</p>}
        <label>
          {t('review.pipeline')}
          <select value={pipelineId} onChange={(event) => setPipelineId(event.target.value)}>
            <option value="">{t('review.everyPipeline')}</option>
            {(pipelines.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {localName(p, language)}
              </option>
            ))}
          </select>
        </label>
        {isManager && (
          <WhoseSelect
            label={t('review.whose')}
            emptyLabel={t('review.everyone')}
            value={whose}
            onChange={setWhose}
          />
        )}
      </div>
      <ReviewBar
        review={review.data?.review ?? null}
        scope={scope}
        onStarted={(id) => setReviewId(id)}
        onLeave={() => setReviewId('')}
      />
      {worklist.isError && <p role="alert">{t('errors.generic')}</p>}
      {selected.size > 0 && (
        <BulkActions
          deals={[...selected.values()]}
          reviewId={reviewId}
          scope={scope}
          today={data?.day ?? new Date().toISOString().slice(0, 10)}
          timeZone={data?.timeZone ?? 'UTC'}
          onStarted={(id) => setReviewId(id)}
          onDone={(result) => {
            setOutcome(result);
            // What was done leaves the selection; what was refused stays, to try again.
            const next = new Map(selected);
            for (const r of result.results) if (r.outcome === 'done') next.delete(r.dealId);
            setSelected(next);
          }}
          onClear={() => setSelected(new Map())}
        />
      )}
      {outcome && <OutcomeNotice result={outcome} />}
      {data && (
        <div className="review-page__sections">
          {REVIEW_SECTIONS.map((section) => (
            <SectionPanel
              key={section}
              section={section}
              total={data.sections[section].total}
              deals={data.sections[section].deals}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
            />
          ))}
        </div>
      )}
      <BottleneckPanel pipelineId={pipelineId || defaultPipeline?.id} />
      {review.data && <DecisionsPanel detail={review.data} />}
      <PastReviews currentId={reviewId} onOpen={(id) => setReviewId(id)} />
    </div>
  );
}

/** The review in progress (or the one opened), with its finish and reopen buttons. */
function ReviewBar(props: {
  review: Review | null;
  scope: ReviewScope;
  onStarted: (id: string) => void;
  onLeave: () => void;
}) {
  const { t, i18n } = useTranslation();
  const start = useStartReview();
  const close = useCloseReview();
  const [error, setError] = useState<string | null>(null);
  const summaryId = useId();
  const { review } = props;
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  const finish = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!review) return;
    const summary = fieldText(new FormData(event.currentTarget), 'summary');
    void run(() => close.mutateAsync({ review, isClosed: true, summary }));
  };
  if (!review) {
    return (
      <div className="panel review-bar">
        <p>{t('review.notStarted')}</p>
        <button
          type="button"
          disabled={start.isPending}
          onClick={() =>
            void run(async () => props.onStarted((await start.mutateAsync(props.scope)).id))
          }
        >
          {t('review.start')}
        </button>
        {error && <p role="alert">{error}</p>}
      </div>
    );
  }
  const started = formatDate(review.startedAt, i18n.language);
  if (review.closedAt) {
    return (
      <div className="panel review-bar">
        <p>
          {t('review.closedOn', { started, closed: formatDate(review.closedAt, i18n.language) })}
        </p>
        {review.summary && <p className="hint">{review.summary}</p>}
        <button
          type="button"
          onClick={() => void run(() => close.mutateAsync({ review, isClosed: false }))}
        >
          {t('review.reopen')}
        </button>
        <button type="button" onClick={props.onLeave}>
          {t('review.leave')}
        </button>
        {error && <p role="alert">{error}</p>}
      </div>
    );
  }
  return (
    <form className="panel review-bar" onSubmit={finish}>
      <p role="status">{t('review.inProgress', { started, count: review.decisionCount })}</p>
      <label htmlFor={summaryId}>{t('review.summary')}</label>
      <textarea id={summaryId} name="summary" rows={2} defaultValue={review.summary ?? ''} />
      <button type="submit" disabled={close.isPending}>
        {t('review.finish')}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function SectionPanel(props: {
  section: ReviewSection;
  total: number;
  deals: ReviewDeal[];
  selected: Map<string, ReviewDeal>;
  onToggle: (deal: ReviewDeal, isOn: boolean) => void;
  onToggleAll: (deals: ReviewDeal[], isOn: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const titleId = useId();
  const pipelines = usePipelineDetails();
  const members = useMembers();
  const stageOf = new Map(
    (pipelines.data ?? []).flatMap((p) => p.stages.map((s) => [s.id, s] as const)),
  );
  const memberName = (id: string | null) =>
    (id && members.data?.find((m) => m.id === id)?.name) || t('board.unassigned');
  const { section, deals } = props;
  const isAll = deals.length > 0 && deals.every((d) => props.selected.has(d.id));
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t(`review.sections.${section}`)}{' '}
        <span className="badge">{formatNumber(props.total, language)}</span>
      </h2>
      <p className="hint">{t(`review.explain.${section}`)}</p>
      {deals.length === 0 ? (
        <p className="hint">{t(`review.empty.${section}`)}</p>
      ) : (
        <div className="table-scroll">
          <table className="list-table">
            <caption className="visually-hidden">{t(`review.sections.${section}`)}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('review.selectSection', {
                      section: t(`review.sections.${section}`),
                    })}
                    checked={isAll}
                    onChange={(e) => props.onToggleAll(deals, e.target.checked)}
                  />
                </th>
                <th scope="col">{t('deal.title')}</th>
                <th scope="col">{t('deal.stage')}</th>
                <th scope="col">{t('deal.owner')}</th>
                <th scope="col">{t('review.daysInStage')}</th>
                <th scope="col">{t('deal.expectedCloseDate')}</th>
                <th scope="col">{t('deal.amount')}</th>
                <th scope="col">{t('review.alsoIn')}</th>
              </tr>
            </thead>
            <tbody>
              {deals.map((deal) => {
                const stage = stageOf.get(deal.stageId);
                return (
                  <tr key={deal.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('lists.selectRow', { name: deal.title })}
                        checked={props.selected.has(deal.id)}
                        onChange={(e) => props.onToggle(deal, e.target.checked)}
                      />
                    </td>
                    <th scope="row">
                      <Link to={`/deals/${deal.id}`}>{deal.title}</Link>
                      {deal.companyName && <span className="hint"> · {deal.companyName}</span>}
                    </th>
                    <td>{stage ? localName(stage, language) : ''}</td>
                    <td>{memberName(deal.ownerId)}</td>
                    <td>{formatNumber(deal.daysInStage, language)}</td>
                    <td>
                      {deal.expectedCloseDate ? formatDay(deal.expectedCloseDate, language) : '—'}
                      {deal.slip.pushes > 0 && (
                        <span className="hint">
                          {' '}
                          {t('review.pushed', {
                            count: deal.slip.pushes,
                            days: formatNumber(deal.slip.daysPushed, language),
                          })}
                        </span>
                      )}
                    </td>
                    <td>
                      {deal.amountMinor === null
                        ? '—'
                        : formatMoney(deal.amountMinor, deal.currency, language)}
                    </td>
                    <td>
                      {deal.sections
                        .filter((s) => s !== section)
                        .map((s) => (
                          <span key={s} className="badge">
                            {t(`review.sections.${s}`)}
                          </span>
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.total > deals.length && (
        <p className="hint">{t('myDay.truncated', { count: deals.length })}</p>
      )}
    </section>
  );
}

/** One action for every selected deal; a review is started first when none is open. */
function BulkActions(props: {
  deals: ReviewDeal[];
  reviewId: string;
  scope: ReviewScope;
  /** Today and the time zone of the workspace: a next step is due at 09:00 there. */
  today: string;
  timeZone: string;
  onStarted: (id: string) => void;
  onDone: (result: ReviewActionResult) => void;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [action, setAction] = useState<ActionName>('nextStep');
  const [error, setError] = useState<string | null>(null);
  const review = useReview(props.reviewId);
  const start = useStartReview();
  const act = useReviewAction();
  const reasons = useLostReasons();
  const pipelines = usePipelineDetails();
  const actionId = useId();
  const { today } = props;
  const pipelineIds = new Set(props.deals.map((d) => d.pipelineId));
  const stages = (pipelines.data ?? [])
    .filter((p) => pipelineIds.size === 1 && pipelineIds.has(p.id))
    .flatMap((p) => p.stages.filter((s) => s.kind === 'open' && !s.archived));

  const bodyOf = (form: FormData): ReviewActionBody => {
    const deals = props.deals.map((d) => ({ id: d.id, version: d.version }));
    switch (action) {
      case 'nextStep':
        return {
          action,
          deals,
          subject: fieldText(form, 'subject'),
          kind: fieldText(form, 'kind') as (typeof ACTIVITY_KINDS)[number],
          dueAt: new Date(
            Date.parse(startOfDayInstant(fieldText(form, 'due'), props.timeZone)) + NINE_HOURS,
          ).toISOString(),
        };
      case 'move':
        return {
          action,
          deals,
          stageId: fieldText(form, 'stage'),
          reason: fieldText(form, 'reason') || null,
        };
      case 'lose':
        return {
          action,
          deals,
          lostReasonId: fieldText(form, 'lostReason'),
          note: fieldText(form, 'note') || null,
        };
      case 'reassign':
        return { action, deals, ownerId: fieldText(form, 'owner') };
      case 'pushCloseDate':
        return { action, deals, expectedCloseDate: fieldText(form, 'closeDate') };
      case 'verifyValue':
        return { action, deals };
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const body = bodyOf(new FormData(event.currentTarget));
    try {
      let reviewId = props.reviewId;
      if (!reviewId || review.data?.review.closedAt) {
        reviewId = (await start.mutateAsync(props.scope)).id;
        props.onStarted(reviewId);
      }
      props.onDone(await act.mutateAsync({ reviewId, body }));
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };

  return (
    <form
      className="filter-bar bulk-bar"
      aria-label={t('review.bulk')}
      onSubmit={(e) => void submit(e)}
    >
      <p>{t('lists.selected', { count: props.deals.length })}</p>
      <label htmlFor={actionId}>{t('review.action')}</label>
      <select
        id={actionId}
        value={action}
        onChange={(event) => setAction(event.target.value as ActionName)}
      >
        {ACTIONS.map((a) => (
          <option key={a} value={a}>
            {t(`review.actions.${a}`)}
          </option>
        ))}
      </select>
      {action === 'nextStep' && (
        <>
          <label>
            {t('activity.kind')}
            <select name="kind" defaultValue="call">
              {ACTIVITY_KINDS.filter((k) => k !== 'note').map((k) => (
                <option key={k} value={k}>
                  {t(kindKey(k))}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('activity.subject')}
            <input name="subject" required maxLength={300} />
          </label>
          <label>
            {t('review.due')}
            <input name="due" type="date" required min={today} defaultValue={addDays(today, 1)} />
          </label>
        </>
      )}
      {action === 'move' &&
        (stages.length === 0 ? (
          <p className="hint">{t('review.onePipelineToMove')}</p>
        ) : (
          <>
            <label>
              {t('deal.stage')}
              <select name="stage" required>
                {stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localName(s, language)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('moveBack.reason')}
              <input name="reason" maxLength={500} />
            </label>
          </>
        ))}
      {action === 'lose' && (
        <>
          <label>
            {t('lose.reason')}
            <select name="lostReason" required>
              {(reasons.data ?? [])
                .filter((r) => !r.archivedAt)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {language === 'ar' ? r.labelAr : r.labelEn}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('lose.note')}
            <input name="note" maxLength={2000} />
          </label>
        </>
      )}
      {action === 'reassign' && (
        <label>
          {t('lists.deals.newOwner')}
          <select name="owner" required>
            <MemberOptions />
          </select>
        </label>
      )}
      {action === 'pushCloseDate' && (
        <label>
          {t('review.newCloseDate')}
          <input name="closeDate" type="date" required defaultValue={addDays(today, 30)} />
        </label>
      )}
      <button type="submit" disabled={act.isPending || start.isPending}>
        {t('review.apply')}
      </button>
      <button type="button" onClick={props.onClear}>
        {t('lists.clearSelection')}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function OutcomeNotice({ result }: { result: ReviewActionResult }) {
  const { t } = useTranslation();
  const count = (outcome: string) => result.results.filter((r) => r.outcome === outcome).length;
  const refused = result.results.filter((r) => r.outcome === 'refused');
  return (
    <div role="status" className="notice">
      <p>
        {t('review.outcome', {
          done: count('done'),
          conflict: count('conflict'),
          refused: refused.length,
        })}
      </p>
      {refused.length > 0 && (
        <ul>
          {refused.map((r) => (
            <li key={r.dealId}>
              {r.error?.message}
              {r.error?.details.map((d) => ` ${d.message}`).join('')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DecisionsPanel({ detail }: { detail: NonNullable<ReturnType<typeof useReview>['data']> }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const members = useMembers();
  const who = (id: string | null) => members.data?.find((m) => m.id === id)?.name ?? '—';
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('review.decisions')}</h2>
      {detail.decisions.length === 0 ? (
        <p className="hint">{t('review.noDecisions')}</p>
      ) : (
        <ul className="plain-list">
          {detail.decisions.map((d) => (
            <li key={d.id}>
              <Link to={`/deals/${d.dealId}`}>{d.dealTitle}</Link>
              {': '}
              {t(`review.actions.${d.action}`)} · {who(d.actorUserId)} ·{' '}
              {formatDate(d.at, i18n.language)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PastReviews({ currentId, onOpen }: { currentId: string; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const reviews = useReviews();
  const members = useMembers();
  const who = (id: string | null) => members.data?.find((m) => m.id === id)?.name ?? '—';
  const items = reviews.data ?? [];
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('review.past')}</h2>
      {items.length === 0 ? (
        <p className="hint">{t('review.noPast')}</p>
      ) : (
        <table className="list-table">
          <caption className="visually-hidden">{t('review.past')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.started')}</th>
              <th scope="col">{t('review.reviewer')}</th>
              <th scope="col">{t('review.decisionCount')}</th>
              <th scope="col">{t('review.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('review.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} aria-current={r.id === currentId ? 'true' : undefined}>
                <th scope="row">{formatDate(r.startedAt, i18n.language)}</th>
                <td>{who(r.reviewerUserId)}</td>
                <td>{formatNumber(r.decisionCount, i18n.language)}</td>
                <td>{r.closedAt ? t('review.closed') : t('review.open_state')}</td>
                <td>
                  <button
                    type="button"
                    disabled={r.id === currentId}
                    aria-label={t('review.openOne', {
                      started: formatDate(r.startedAt, i18n.language),
                    })}
                    onClick={() => onOpen(r.id)}
                  >
                    {t('review.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
