/**
 * Where the pipeline went: between two days, the open pipeline at the start, what came in
 * (created, pulled into the period, moved in), what changed (amounts up and down), what left
 * (won, lost, pushed out of the period, moved out), and the pipeline at the end — the whole and
 * per stage, owner or forecast category, each step with its deals, and the deals slipping.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { addDays, todayIn } from '../../calendar-day';
import { formatMoney, formatNumber } from '../../format';
import { useSearchParam } from '../../search-param';
import { useWorkspace } from '../../workspace';
import { type GroupBy, usePipelineChanges } from './pipeline-changes-api';

type Changes = components['schemas']['PipelineChanges'];
type Waterfall = Changes['total'];
type Money = Waterfall['start']['amount'];

const GROUPS: GroupBy[] = ['none', 'stage', 'owner', 'category'];
const DEFAULT_DAYS = 30;

export default function PipelineChangesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const workspace = useWorkspace();
  const timeZone = workspace.data?.timeZone;
  const today = timeZone ? todayIn(timeZone) : '';
  const [fromParam, setFrom] = useSearchParam('from');
  const [to, setTo] = useSearchParam('to');
  const [period, setPeriod] = useSearchParam('period');
  const [groupParam, setGroupBy] = useSearchParam('groupBy');
  const from = fromParam || (today ? addDays(today, -DEFAULT_DAYS) : '');
  const groupBy = GROUPS.find((g) => g === groupParam) ?? 'none';
  const changes = usePipelineChanges({
    from,
    to: to || undefined,
    period: period || undefined,
    groupBy,
  });
  const money = (m: Money) => formatMoney(m.minor, m.currency, language);
  const data = changes.data;
  return (
    <section className="pipeline-changes-page" aria-labelledby="changes-title">
      <h1 id="changes-title">{t('changes.title')}</h1>
      <p className="hint">{t('changes.intro')}</p>
      <form className="filter-bar" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('changes.from')}
          <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('changes.to')}
          <input
            type="date"
            value={to}
            max={today}
            onChange={(e) => setTo(e.target.value)}
            aria-describedby="changes-to-hint"
          />
          <span id="changes-to-hint" className="hint">
            {t('changes.toHint')}
          </span>
        </label>
        <label>
          {t('changes.period')}
          <input
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
            placeholder="2026-Q3"
            aria-describedby="changes-period-hint"
          />
          <span id="changes-period-hint" className="hint">
            {t('changes.periodHint')}
          </span>
        </label>
        <label>
          {t('changes.groupBy')}
          <select
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value === 'none' ? '' : e.target.value)}
          >
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`changes.group.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {changes.isError && <p role="alert">{t('changes.notAvailable')}</p>}
      {data && (
        <>
          <WaterfallTable
            caption={t('changes.waterfall', {
              pipeline: language === 'ar' ? data.pipeline.nameAr : data.pipeline.nameEn,
            })}
            waterfall={data.total}
            money={money}
          />
          {data.groups.length > 0 && <GroupsTable changes={data} money={money} />}
          <SlippingTable changes={data} />
          {data.unconvertedCurrencies.length > 0 && (
            <p className="hint">
              {t('changes.unconverted', { currencies: data.unconvertedCurrencies.join(', ') })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function WaterfallTable({
  caption,
  waterfall,
  money,
}: {
  caption: string;
  waterfall: Waterfall;
  money: (m: Money) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const steps = waterfall.steps.filter((s) => s.count > 0 || s.amount.minor !== 0);
  return (
    <table className="waterfall">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('changes.step')}</th>
          <th scope="col">{t('changes.deals')}</th>
          <th scope="col">{t('changes.amount')}</th>
          <th scope="col">{t('changes.which')}</th>
        </tr>
      </thead>
      <tbody>
        <tr className="total">
          <th scope="row">{t('changes.start')}</th>
          <td>{formatNumber(waterfall.start.count, language)}</td>
          <td>{money(waterfall.start.amount)}</td>
          <td />
        </tr>
        {steps.map((step) => (
          <tr key={step.kind}>
            <th scope="row">{t(`changes.kind.${step.kind}`)}</th>
            <td>{formatNumber(step.count, language)}</td>
            <td className={step.amount.minor < 0 ? 'negative' : undefined}>{money(step.amount)}</td>
            <td>
              {step.deals.length > 0 && (
                <details>
                  <summary>
                    {t('changes.showDeals', { step: t(`changes.kind.${step.kind}`) })}
                  </summary>
                  <ul className="plain-list">
                    {step.deals.map((d) => (
                      <li key={d.dealId}>
                        <Link to={`/deals/${d.dealId}`}>{d.title}</Link>
                        {' · '}
                        {formatMoney(d.amount.minor, d.amount.currency, language)}
                        {d.reason && ` · ${t(`changes.reason.${d.reason}`)}`}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </td>
          </tr>
        ))}
        <tr className="total">
          <th scope="row">{t('changes.end')}</th>
          <td>{formatNumber(waterfall.end.count, language)}</td>
          <td>{money(waterfall.end.amount)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

function GroupsTable({ changes, money }: { changes: Changes; money: (m: Money) => string }) {
  const { t, i18n } = useTranslation();
  const kinds = changes.total.steps.map((s) => s.kind);
  const labelOf = (group: Changes['groups'][number]) =>
    group.label
      ? i18n.language === 'ar'
        ? group.label.ar
        : group.label.en
      : changes.groupBy === 'category'
        ? t(`forecast.${group.key}`, { defaultValue: group.key })
        : t('changes.noOwner');
  return (
    <div className="table-scroll">
      <table>
        <caption>{t(`changes.byGroup.${changes.groupBy}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`changes.group.${changes.groupBy}`)}</th>
            <th scope="col">{t('changes.start')}</th>
            {kinds.map((k) => (
              <th scope="col" key={k}>
                {t(`changes.kind.${k}`)}
              </th>
            ))}
            <th scope="col">{t('changes.end')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{labelOf(group)}</th>
              <td>{money(group.start.amount)}</td>
              {kinds.map((k) => {
                const step = group.steps.find((s) => s.kind === k);
                return <td key={k}>{step ? money(step.amount) : '—'}</td>;
              })}
              <td>{money(group.end.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SlippingTable({ changes }: { changes: Changes }) {
  const { t, i18n } = useTranslation();
  const slipping = changes.deals.filter(
    (d) => d.closeDatePushes > 0 || d.amountDecreased || d.stageRegressed || d.stuck,
  );
  if (slipping.length === 0) return <p>{t('changes.noneSlipping')}</p>;
  const yes = (flag: boolean) => (flag ? t('changes.yes') : '');
  return (
    <div className="table-scroll">
      <table>
        <caption>{t('changes.slipping')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('changes.deal')}</th>
            <th scope="col">{t('changes.owner')}</th>
            <th scope="col">{t('changes.flag.closeDatePushes')}</th>
            <th scope="col">{t('changes.flag.amountDecreased')}</th>
            <th scope="col">{t('changes.flag.stageRegressed')}</th>
            <th scope="col">{t('changes.flag.stuck')}</th>
          </tr>
        </thead>
        <tbody>
          {slipping.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={`/deals/${d.id}`}>{d.title}</Link>
              </th>
              <td>{d.ownerName ?? t('changes.noOwner')}</td>
              <td>{d.closeDatePushes > 0 ? formatNumber(d.closeDatePushes, i18n.language) : ''}</td>
              <td>{yes(d.amountDecreased)}</td>
              <td>{yes(d.stageRegressed)}</td>
              <td>{yes(d.stuck)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
