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
import { formatNumber, formatPercent } from '../../format';
import { localName } from '../../pipelines';

const ROW_HEIGHT = 44;

/**
 * The funnel: deals opened in the period by the furthest stage they reached, drawn as centred
 * bars (a funnel's shape, the same in both reading directions), with the step conversion in each
 * label. The table below carries every number for screen readers and keyboard users.
 */
export function FunnelSection({ funnel }: { funnel: Metrics['funnel'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const sides = chartSides(language);
  const widest = Math.max(1, ...funnel.map((s) => s.reached));
  const percent = (ratio: number | null) => (ratio === null ? '—' : formatPercent(ratio, language));
  const data = funnel.map((stage) => ({
    name: localName(stage, language),
    // An invisible bar before each visible one centres it.
    offset: (widest - stage.reached) / 2,
    reached: stage.reached,
    label:
      stage.stepRate === null
        ? formatNumber(stage.reached, language)
        : `${formatNumber(stage.reached, language)} (${percent(stage.stepRate)})`,
  }));
  return (
    <section className="panel panel--wide" aria-labelledby="funnel-title">
      <h2 id="funnel-title">{t('dashboard.funnel.title')}</h2>
      <p className="hint">{t('dashboard.funnel.explain')}</p>
      {/* Hidden from assistive technology, so no tab stop either (accessibilityLayer). */}
      <div className="chart" dir="ltr" aria-hidden="true">
        <ResponsiveContainer width="100%" height={ROW_HEIGHT * funnel.length + 24}>
          <BarChart
            data={data}
            layout="vertical"
            barCategoryGap={6}
            margin={{ top: 4, bottom: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} vertical={false} />
            <XAxis type="number" hide domain={[0, widest]} reversed={sides.isRtl} />
            <YAxis
              type="category"
              dataKey="name"
              orientation={sides.startSide}
              tick={sides.tick(sides.startSide)}
              width={190}
              tickLine={false}
              axisLine={false}
            />
            <Bar dataKey="offset" stackId="funnel" fill="transparent" isAnimationActive={false} />
            <Bar
              dataKey="reached"
              stackId="funnel"
              fill="#8fc1bd"
              radius={4}
              isAnimationActive={false}
            >
              <LabelList dataKey="label" content={sides.barLabel('centre')} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table>
        <caption className="visually-hidden">{t('dashboard.funnel.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.stage')}</th>
            <th scope="col">{t('dashboard.funnel.reached')}</th>
            <th scope="col">{t('dashboard.funnel.stepRate')}</th>
            <th scope="col">{t('dashboard.funnel.rateFromTop')}</th>
          </tr>
        </thead>
        <tbody>
          {funnel.map((stage) => (
            <tr key={stage.stage}>
              <th scope="row">{localName(stage, language)}</th>
              <td>{formatNumber(stage.reached, language)}</td>
              <td>{percent(stage.stepRate)}</td>
              <td>{percent(stage.rateFromTop)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
