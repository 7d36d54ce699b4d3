import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answer, client } from '../../api/client';
import { dismissDealFlag, refreshAfterDealChange, requalifyDeal } from '../../api/deals';
import type { components } from '../../api/schema';
import { formatDay, formatMoney } from '../../format';
import { localName, usePipelineDetails } from '../../pipelines';
import { useSearchParam } from '../../search-param';
import { useSession } from '../../session';
import { messageOf } from '../../shared/api-form';
import { WhoseSelect, whoseQuery } from '../../shared/whose-select';
import { NewActivityForm } from '../activities/activity-forms';
import { ActivityItem } from '../activities/activity-item';

type MyDay = components['schemas']['MyDay'];
type DealLite = components['schemas']['DealLite'];

/** Whose day: the signed-in person's (none), another member's, or a team's. */
function useMyDay(whose: string) {
  const query = whoseQuery(whose);
  return useQuery({
    queryKey: ['my-day', query],
    queryFn: () => answer(client.GET('/api/v1/my-day', { params: { query } })),
  });
}

/**
 * A rep's day in one place: tasks overdue and due today, open deals without a next step, deals
 * gone stale, deals expected to close this month — each dealt with where it stands.
 */
export default function MyDayPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [whose, setWhose] = useSearchParam('whose');
  const day = useMyDay(whose);
  const [now] = useState(() => Date.now());
  const isManager = session.data?.role === 'admin' || session.data?.role === 'manager';
  const data = day.data;
  return (
    <div className="my-day">
      <div className="board-page__bar">
        <h1>{t('myDay.title')}</h1>
        {data && <p className="hint">{formatDay(data.day, i18n.language)}</p>}
        {isManager && (
          <WhoseSelect
            label={t('myDay.whose')}
            emptyLabel={t('myDay.mine')}
            value={whose}
            onChange={setWhose}
          />
        )}
      </div>
      {day.isError && <p role="alert">{t('errors.generic')}</p>}
      {whose === '' && <StaleDigestPanel />}
      {data && (
        <div className="my-day__sections">
          <TaskSection
            title={t('myDay.overdue')}
            empty={t('myDay.noOverdue')}
            tasks={data.overdueTasks}
            isTruncated={data.truncated.overdueTasks}
            now={now}
          />
          <TaskSection
            title={t('myDay.today')}
            empty={t('myDay.noToday')}
            tasks={data.todayTasks}
            isTruncated={data.truncated.todayTasks}
            now={now}
          />
          <DealSection
            title={t('myDay.withoutNextStep')}
            empty={t('myDay.allHaveNextStep')}
            deals={data.dealsWithoutNextStep}
            isTruncated={data.truncated.dealsWithoutNextStep}
            canSetNextStep
          />
          <DealSection
            title={t('myDay.stale')}
            empty={t('myDay.noStale')}
            deals={data.staleDeals}
            isTruncated={data.truncated.staleDeals}
            canSetNextStep
          />
          {data.toRequalify.length > 0 && (
            <RequalifySection deals={data.toRequalify} isTruncated={data.truncated.toRequalify} />
          )}
          <DealSection
            title={t('myDay.closingThisMonth')}
            empty={t('myDay.noneClosing')}
            deals={data.closingThisMonth}
            isTruncated={data.truncated.closingThisMonth}
          />
        </div>
      )}
    </div>
  );
}

/**
 * Today's stale digest: how many of my deals are stale and which went stale since my previous
 * digest, until I mark it read (then one line).
 */
function StaleDigestPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const pipelines = usePipelineDetails();
  const digest = useQuery({
    queryKey: ['my-day', 'digest'],
    queryFn: () => answer(client.GET('/api/v1/my-day/digest')),
  });
  const read = useMutation({
    mutationFn: () => answer(client.POST('/api/v1/my-day/digest/read')),
    onSuccess: (data) => queryClient.setQueryData(['my-day', 'digest'], data),
  });
  const data = digest.data;
  if (!data || data.staleCount === 0) return null;
  const stageName = (id: string) => {
    const stage = pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === id);
    return stage ? localName(stage, i18n.language) : '';
  };
  const summary = t('myDay.digest.summary', { count: data.staleCount, fresh: data.newCount });
  if (data.readAt) {
    return <p className="hint">{summary}</p>;
  }
  return (
    <section className="panel digest" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('myDay.digest.title')}</h2>
      <p>{summary}</p>
      {data.dealtWith > 0 && (
        <p className="hint">{t('myDay.digest.dealtWith', { count: data.dealtWith })}</p>
      )}
      <ul className="plain-list">
        {data.deals
          .filter((deal) => deal.isNew)
          .map((deal) => (
            <li key={deal.id}>
              <Link to={`/deals/${deal.id}`}>{deal.title}</Link>{' '}
              <span className="hint">
                {stageName(deal.stageId)} ·{' '}
                {t('myDay.digest.untouched', { count: deal.daysUntouched })}
              </span>
            </li>
          ))}
      </ul>
      <button type="button" disabled={read.isPending} onClick={() => read.mutate()}>
        {t('myDay.digest.markRead')}
      </button>
    </section>
  );
}

function Section({
  title,
  count,
  isTruncated,
  children,
}: {
  title: string;
  count: number;
  isTruncated: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="badge">{count}</span>
      </h2>
      {children}
      {isTruncated && <p className="hint">{t('myDay.truncated', { count })}</p>}
    </section>
  );
}

function TaskSection(props: {
  title: string;
  empty: string;
  tasks: MyDay['todayTasks'];
  isTruncated: boolean;
  now: number;
}) {
  return (
    <Section title={props.title} count={props.tasks.length} isTruncated={props.isTruncated}>
      {props.tasks.length === 0 ? (
        <p className="hint">{props.empty}</p>
      ) : (
        <ul className="plain-list">
          {props.tasks.map((task) => (
            <li key={task.id}>
              <ActivityItem
                activity={task}
                now={props.now}
                dealTitle={task.dealTitle ?? undefined}
              />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function DealSection(props: {
  title: string;
  empty: string;
  deals: DealLite[];
  isTruncated: boolean;
  canSetNextStep?: boolean;
}) {
  return (
    <Section title={props.title} count={props.deals.length} isTruncated={props.isTruncated}>
      {props.deals.length === 0 ? (
        <p className="hint">{props.empty}</p>
      ) : (
        <ul className="plain-list">
          {props.deals.map((deal) => (
            <li key={deal.id}>
              <DealLine deal={deal} canSetNextStep={props.canSetNextStep ?? false} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type FlaggedDeal = MyDay['toRequalify'][number];

/** Deals whose decision maker left: one click sends each back to qualification, or keeps it. */
function RequalifySection({ deals, isTruncated }: { deals: FlaggedDeal[]; isTruncated: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['my-day'] }),
      refreshAfterDealChange(queryClient),
    ]);
  };
  return (
    <Section title={t('myDay.toRequalify')} count={deals.length} isTruncated={isTruncated}>
      {error && <p role="alert">{error}</p>}
      <ul className="plain-list">
        {deals.map((deal) => (
          <li key={deal.flag.id}>
            <DealLine deal={deal} canSetNextStep={false} />
            <p>{t('requalify.flagShort', { name: deal.flag.contactName ?? '—' })}</p>
            <div className="actions">
              <button
                type="button"
                aria-label={t('requalify.moveBackNamed', { deal: deal.title })}
                onClick={() =>
                  void act(() =>
                    requalifyDeal(
                      deal,
                      deal.flag.id,
                      t('requalify.reason', { name: deal.flag.contactName ?? '—' }),
                    ),
                  )
                }
              >
                {t('requalify.moveBack')}
              </button>
              <button
                type="button"
                aria-label={t('requalify.keepNamed', { deal: deal.title })}
                onClick={() => void act(() => dismissDealFlag(deal.id, deal.flag.id))}
              >
                {t('requalify.keep')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function DealLine({ deal, canSetNextStep }: { deal: DealLite; canSetNextStep: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const pipelines = usePipelineDetails();
  const [isPlanning, setPlanning] = useState(false);
  const stage = pipelines.data?.flatMap((p) => p.stages).find((s) => s.id === deal.stageId);
  return (
    <article className="activity" aria-label={deal.title}>
      <header>
        <Link to={`/deals/${deal.id}`}>
          <strong>{deal.title}</strong>
        </Link>
        {deal.companyName && <span>{deal.companyName}</span>}
        {stage && <span className="badge">{localName(stage, language)}</span>}
        {deal.amountMinor !== null && (
          <span className="totals">{formatMoney(deal.amountMinor, deal.currency, language)}</span>
        )}
        {deal.expectedCloseDate && (
          <span>{t('myDay.closes', { day: formatDay(deal.expectedCloseDate, language) })}</span>
        )}
      </header>
      {deal.nextStep && (
        <p className="hint">{t('myDay.nextStepIs', { subject: deal.nextStep.subject })}</p>
      )}
      {canSetNextStep &&
        (isPlanning ? (
          <NewActivityForm
            of={{ dealId: deal.id }}
            mode="schedule"
            ownerId={deal.ownerId}
            onDone={() => setPlanning(false)}
          />
        ) : (
          <button
            type="button"
            className="touch-button"
            aria-label={t('myDay.setNextStepFor', { deal: deal.title })}
            onClick={() => setPlanning(true)}
          >
            {t('activity.setNextStep')}
          </button>
        ))}
    </article>
  );
}
