import type { LabelProps } from 'recharts';

interface TickTextProps {
  direction?: 'rtl';
  textAnchor?: 'start' | 'middle' | 'end';
}

/**
 * Charts are drawn in a left-to-right SVG (dir="ltr" on their box) and mirrored by hand for
 * Arabic: in a right-to-left box the browser flips SVG text anchors and axis labels land on the
 * bars. Arabic text itself still reads right to left inside each label.
 */
export function chartSides(language: string) {
  const isRtl = language === 'ar';
  return {
    isRtl,
    /** Where the category or value axis sits: at the reading start. */
    startSide: isRtl ? ('right' as const) : ('left' as const),
    endSide: isRtl ? ('left' as const) : ('right' as const),
    /**
     * An axis's tick text, in the reading direction so "٤٥ ألف US$" keeps its order; its anchor
     * is then swapped so the text still grows away from the axis line.
     */
    tick: (axis: 'left' | 'right' | 'bottom'): TickTextProps =>
      isRtl
        ? {
            direction: 'rtl',
            textAnchor: axis === 'right' ? 'end' : axis === 'left' ? 'start' : 'middle',
          }
        : {},
    /** For the HTML parts of a chart (legend, tooltip). */
    htmlStyle: { direction: isRtl ? ('rtl' as const) : ('ltr' as const) },
    /**
     * A bar's label, on one line (spilling past a narrow bar rather than wrapping), in the
     * reading direction so "12 (40%)" keeps its order in Arabic.
     */
    barLabel: (place: 'centre' | 'above') =>
      function BarLabel(props: LabelProps) {
        const box = props.viewBox as
          | { x: number; y: number; width: number; height: number }
          | undefined;
        if (!box) return '';
        return (
          <text
            x={box.x + box.width / 2}
            y={place === 'centre' ? box.y + box.height / 2 : box.y - 6}
            textAnchor="middle"
            dominantBaseline={place === 'centre' ? 'central' : 'auto'}
            direction={isRtl ? 'rtl' : 'ltr'}
            fill="#1d2733"
            fontSize={place === 'centre' ? 14 : 12}
            fontWeight={place === 'centre' ? 600 : 400}
          >
            {props.value}
          </text>
        );
      },
  };
}
