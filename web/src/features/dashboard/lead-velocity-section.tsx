import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { Metrics } from '../../api/models';
import { chartSides } from '../../chart-direction';
import { formatChange, formatMonth, formatNumber } from '../../format';

/** Qualified leads per month and the Lead Velocity Rate, month on month. */
export function LeadVelocitySection({
  months: allMonths,
  lastDay,
}: {
  months: Metrics['leadVelocityRate'];
  /** Months starting after this day have not happened yet: they are left out, not shown as -100 %. */
  lastDay: string;
}) {
  const { t, i18n } = useTranslation();
  const months = allMonths.filter((m) => `${m.month}-01` <= lastDay);
  const language = i18n.language;
  const sides = chartSides(language);
  const change = (rate: number | null) =>
    rate === null ? '—' : formatChange(rate / 100, language);
  const data = months.map((m) => ({
    month: formatMonth(m.month, language),
    qualified: m.qualified,
    label: change(m.rate),
  }));
  return (
    <section className="panel panel--wide" aria-labelledby="lvr-title">
      <h2 id="lvr-title">{t('dashboard.lvr.title')}</h2>
      <p className="hint">{t('dashboard.lvr.explain')}</p>
      {/* Hidden from assistive technology, so no tab stop either (accessibilityLayer). */}
      <div className="chart" dir="ltr" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 24, left: 8, right: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="month"
              reversed={sides.isRtl}
              interval={0}
              tickLine={false}
              tick={sides.tick('bottom')}
            />
            <YAxis
              orientation={sides.startSide}
              tick={sides.tick(sides.startSide)}
              allowDecimals={false}
              width={48}
              tickFormatter={(value: number) => formatNumber(value, language)}
            />
            <Bar dataKey="qualified" fill="#2f6f73" isAnimationActive={false}>
              <LabelList dataKey="label" content={sides.barLabel('above')} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table>
        <caption className="visually-hidden">{t('dashboard.lvr.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.lvr.month')}</th>
            <th scope="col">{t('dashboard.lvr.qualified')}</th>
            <th scope="col">{t('dashboard.lvr.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{formatMonth(m.month, language)}</th>
              <td>{formatNumber(m.qualified, language)}</td>
              <td>{change(m.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
