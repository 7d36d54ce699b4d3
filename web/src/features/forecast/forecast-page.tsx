import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Money } from '../../api/models';
import { chartSides } from '../../chart-direction';
import { formatMoney, formatNumber, toMajor, toMinor } from '../../format';
import { useWorkspace } from '../../workspace';
import { BacktestSection } from './backtest-section';
import { CallsSection } from './calls-section';
import { useForecast } from './forecast-api';
import { currentQuarterIn } from './forecast-period';
import { TargetsSection } from './targets-section';

const CATEGORIES = ['commit', 'best_case', 'pipeline'] as const;

/**
 * The period's forecast: won so far, commit / best case / pipeline and an honest range; the
 * period's targets with what is still needed; and how accurate the forecast has been.
 */
export default function ForecastPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const sides = chartSides(language);
  const workspace = useWorkspace();
  // Until a period is typed, the quarter of today in the workspace's zone (known once loaded).
  const [chosenPeriod, setPeriod] = useState<string | null>(null);
  const timeZone = workspace.data?.timeZone;
  const period = chosenPeriod ?? (timeZone ? currentQuarterIn(timeZone) : null);
  const forecast = useForecast(period);
  const money = (m: Money) => formatMoney(m.minor, m.currency, language);
  const data = forecast.data;
  const chart = data
    ? CATEGORIES.map((c) => ({
        name: t(`forecast.${c}`),
        weighted: toMajor(data.byCategory[c].weighted.minor, data.byCategory[c].weighted.currency),
      }))
    : [];
  const majorMoney = (major: number, isCompact: boolean) =>
    data
      ? formatMoney(toMinor(major, data.currency), data.currency, language, isCompact)
      : String(major);
  return (
    <section className="forecast-page" aria-labelledby="forecast-title">
      <h1 id="forecast-title">{t('forecast.title')}</h1>
      <label className="inline">
        {t('forecast.period')}
        <input
          value={period ?? ''}
          onChange={(e) => setPeriod(e.target.value)}
          pattern="\d{4}(-Q[1-4]|-\d{2})?"
        />
      </label>
      {forecast.isError && <p role="alert">{t('forecast.notAvailable')}</p>}
      {data && (
        <>
          <dl className="kpis">
            <div>
              <dt>{t('forecast.wonSoFar')}</dt>
              <dd>{money(data.wonSoFar)}</dd>
            </div>
            <div>
              <dt>{t('forecast.expected')}</dt>
              <dd>{money(data.expected)}</dd>
            </div>
            <div>
              <dt>{t('forecast.range')}</dt>
              <dd>
                {money(data.range.low)} – {money(data.range.high)}
              </dd>
            </div>
          </dl>
          <div className="chart" dir="ltr" aria-hidden="true">
            <ResponsiveContainer width="100%" height={240}>
              <BarChart
                accessibilityLayer={false}
                data={chart}
                layout="vertical"
                margin={{ left: 24, right: 24 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis
                  type="number"
                  reversed={sides.isRtl}
                  tick={sides.tick('bottom')}
                  tickFormatter={(value: number) => majorMoney(value, true)}
                />
                <YAxis
                  type="category"
                  dataKey="name"
                  orientation={sides.startSide}
                  tick={sides.tick(sides.startSide)}
                  width={110}
                />
                <Tooltip
                  contentStyle={sides.htmlStyle}
                  formatter={(value) => majorMoney(Number(value), false)}
                />
                <Bar
                  dataKey="weighted"
                  name={t('forecast.weighted')}
                  fill="#2f6f73"
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table>
            <caption>{t('forecast.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('forecast.category')}</th>
                <th scope="col">{t('forecast.count')}</th>
                <th scope="col">{t('forecast.amount')}</th>
                <th scope="col">{t('forecast.weighted')}</th>
              </tr>
            </thead>
            <tbody>
              {CATEGORIES.map((c) => (
                <tr key={c}>
                  <th scope="row">{t(`forecast.${c}`)}</th>
                  <td>{formatNumber(data.byCategory[c].count, language)}</td>
                  <td>{money(data.byCategory[c].amount)}</td>
                  <td>{money(data.byCategory[c].weighted)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <TargetsSection forecast={data} />
          <CallsSection period={data.period.name} currency={data.currency} />
        </>
      )}
      {workspace.data && <BacktestSection timeZone={workspace.data.timeZone} />}
    </section>
  );
}
