import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { addMonths, todayIn } from '../../calendar-day';
import { chartSides } from '../../chart-direction';
import {
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  localeOf,
  toMajor,
  toMinor,
} from '../../format';
import { useBacktest } from './forecast-api';

const MONTHS = 12;
const QUARTERS = 4;

type Grain = 'month' | 'quarter';

/** The quarter holding a month: '2026-05' → '2026-Q2'. */
function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * How accurate the forecast would have been over the last twelve whole months (or four whole
 * quarters): each period's pipeline rebuilt as of its first day and forecast as the model stood
 * then, against what was won — and, where people made a call for the period, their call too.
 */
export function BacktestSection({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const sides = chartSides(language);
  const [grain, setGrain] = useState<Grain>('month');
  const grainId = useId();
  const thisMonth = todayIn(timeZone).slice(0, 7);
  const range =
    grain === 'month'
      ? { from: addMonths(`${thisMonth}-01`, -MONTHS).slice(0, 7), to: thisMonth }
      : {
          from: quarterOf(addMonths(`${thisMonth}-01`, -3 * QUARTERS).slice(0, 7)),
          to: quarterOf(thisMonth),
        };
  const backtest = useBacktest(range.from, range.to, grain);
  const periodName = (name: string) =>
    grain === 'month'
      ? formatMonth(name, language)
      : t('backtest.quarterName', {
          quarter: formatNumber(Number(name.slice(6)), language),
          year: new Intl.NumberFormat(localeOf(language), { useGrouping: false }).format(
            Number(name.slice(0, 4)),
          ),
        });
  const percent = (ratio: number | null) => (ratio === null ? '—' : formatPercent(ratio, language));
  const data = backtest.data;
  const hasCalls = (data?.calls.periodsCalled ?? 0) > 0;
  const rows = (data?.periods ?? []).map((p) => ({
    month: periodName(p.period.name),
    forecast: toMajor(p.forecast.minor, p.forecast.currency),
    actual: toMajor(p.actual.minor, p.actual.currency),
    accuracy: p.accuracy === null ? null : Math.round(p.accuracy * 1000) / 10,
  }));
  const currency = data?.currency ?? 'USD';
  const money = (major: number, isCompact: boolean) =>
    formatMoney(toMinor(major, currency), currency, language, isCompact);
  return (
    <section className="backtest" aria-labelledby="backtest-title">
      <h2 id="backtest-title">{t('backtest.title')}</h2>
      <p className="hint">
        {t(grain === 'month' ? 'backtest.explain' : 'backtest.explainQuarter')}
      </p>
      <div className="inline">
        <label htmlFor={grainId}>{t('backtest.grain')}</label>
        <select
          id={grainId}
          value={grain}
          onChange={(e) => setGrain(e.target.value === 'quarter' ? 'quarter' : 'month')}
        >
          <option value="month">{t('backtest.byMonth')}</option>
          <option value="quarter">{t('backtest.byQuarter')}</option>
        </select>
      </div>
      {backtest.isError && <p role="alert">{t('backtest.notAvailable')}</p>}
      {data && (
        <>
          <dl className="kpis">
            <div>
              <dt>{t('backtest.meanAccuracy')}</dt>
              <dd>{percent(data.overall.meanAccuracy)}</dd>
            </div>
            <div>
              <dt>{t('backtest.weightedAccuracy')}</dt>
              <dd>{percent(data.overall.weightedAccuracy)}</dd>
            </div>
            <div>
              <dt>{t(grain === 'month' ? 'backtest.periodsScored' : 'backtest.quartersScored')}</dt>
              <dd>{formatNumber(data.overall.periodsScored, language)}</dd>
            </div>
            {hasCalls && (
              <>
                <div>
                  <dt>{t('backtest.modelWhenCalled')}</dt>
                  <dd>{percent(data.calls.model.meanAccuracy)}</dd>
                </div>
                <div>
                  <dt>{t('backtest.callsAccuracy')}</dt>
                  <dd>{percent(data.calls.commit.meanAccuracy)}</dd>
                </div>
              </>
            )}
          </dl>
          <div className="chart" dir="ltr" aria-hidden="true">
            <ResponsiveContainer width="100%" height={280}>
              <ComposedChart
                accessibilityLayer={false}
                data={rows}
                margin={{ top: 8, left: 8, right: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="month"
                  reversed={sides.isRtl}
                  interval={0}
                  tickLine={false}
                  tick={sides.tick('bottom')}
                />
                <YAxis
                  yAxisId="money"
                  orientation={sides.startSide}
                  tick={sides.tick(sides.startSide)}
                  width={100}
                  tickFormatter={(value: number) => money(value, true)}
                />
                <YAxis
                  yAxisId="accuracy"
                  orientation={sides.endSide}
                  tick={sides.tick(sides.endSide)}
                  domain={[0, 100]}
                  width={48}
                  tickFormatter={(value: number) => formatPercent(value / 100, language)}
                />
                <Tooltip
                  contentStyle={sides.htmlStyle}
                  formatter={(value, _name, item) =>
                    item.dataKey === 'accuracy'
                      ? formatPercent(Number(value) / 100, language)
                      : money(Number(value), false)
                  }
                />
                <Legend wrapperStyle={sides.htmlStyle} />
                <Bar
                  yAxisId="money"
                  dataKey="forecast"
                  name={t('backtest.forecast')}
                  fill="#8fc1bd"
                  isAnimationActive={false}
                />
                <Bar
                  yAxisId="money"
                  dataKey="actual"
                  name={t('backtest.actual')}
                  fill="#2f6f73"
                  isAnimationActive={false}
                />
                <Line
                  yAxisId="accuracy"
                  dataKey="accuracy"
                  name={t('backtest.accuracy')}
                  stroke="#b45309"
                  strokeWidth={2}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <table>
            <caption>{t(grain === 'month' ? 'backtest.table' : 'backtest.tableQuarter')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {t(grain === 'month' ? 'dashboard.lvr.month' : 'backtest.quarter')}
                </th>
                <th scope="col">{t('backtest.forecast')}</th>
                <th scope="col">{t('backtest.actual')}</th>
                <th scope="col">{t('backtest.accuracy')}</th>
                {hasCalls && <th scope="col">{t('backtest.call')}</th>}
                {hasCalls && <th scope="col">{t('backtest.callAccuracy')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.periods.map((p) => (
                <tr key={p.period.name}>
                  <th scope="row">{periodName(p.period.name)}</th>
                  <td>{formatMoney(p.forecast.minor, p.forecast.currency, language)}</td>
                  <td>{formatMoney(p.actual.minor, p.actual.currency, language)}</td>
                  <td>{percent(p.accuracy)}</td>
                  {hasCalls && (
                    <td>
                      {p.call
                        ? formatMoney(p.call.commit.minor, p.call.commit.currency, language)
                        : '—'}
                    </td>
                  )}
                  {hasCalls && <td>{p.call ? percent(p.call.commitAccuracy) : '—'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
