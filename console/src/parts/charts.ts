import { h, s, uid } from '../dom.ts';

/**
 * Charts as inline SVG drawn here (no library): each in a <figure> with a caption, the SVG labelled as an
 * image with a one-sentence summary, and the same figures as a table beside it — the text alternative.
 */

export interface Bar {
  label: string;
  /** 0–1, or null when there is nothing to measure (drawn as an empty row, "—"). */
  value: number | null;
  detail: string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Horizontal bars of a rate (0–100%), one per label. */
export function rateBars(caption: string, bars: Bar[], columns: [string, string, string]): HTMLElement {
  const row = 28;
  const labelWidth = 230;
  const plot = 420;
  const height = bars.length * row + 30;
  const titleId = uid('chart');
  const svg = s(
    'svg',
    { viewBox: `0 0 ${labelWidth + plot + 70} ${height}`, role: 'img', 'aria-labelledby': titleId },
    s('title', { id: titleId }, `${caption}：${bars.map((b) => `${b.label} ${b.value === null ? '无' : pct(b.value)}`).join('，')}`),
    [0, 0.25, 0.5, 0.75, 1].map((t) => [
      s('line', { class: 'grid', x1: labelWidth + t * plot, x2: labelWidth + t * plot, y1: 0, y2: bars.length * row }),
      s('text', { x: labelWidth + t * plot, y: bars.length * row + 18, 'text-anchor': 'middle' }, `${t * 100}%`),
    ]),
    bars.map((b, i) => {
      const y = i * row;
      const width = b.value === null ? 0 : Math.max(1, b.value * plot);
      return s(
        'g',
        null,
        s('text', { x: labelWidth - 8, y: y + row / 2 + 4, 'text-anchor': 'end' }, b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label),
        s('rect', { class: `bar${b.value !== null && b.value < 0.6 ? ' low' : ''}`, x: labelWidth, y: y + 5, width, height: row - 10, rx: 2 }),
        s('text', { x: labelWidth + width + 6, y: y + row / 2 + 4 }, b.value === null ? '—' : pct(b.value)),
      );
    }),
    s('line', { class: 'axis', x1: labelWidth, x2: labelWidth, y1: 0, y2: bars.length * row }),
  );
  return figure(caption, svg, columns, bars.map((b) => [b.label, b.value === null ? '—' : pct(b.value), b.detail]));
}

export interface Series {
  name: string;
  className: string;
  values: number[];
}

/** Grouped vertical bars per period (months), one colour per series, with a legend. */
export function groupedBars(caption: string, periods: string[], series: Series[]): HTMLElement {
  const width = 720;
  const height = 260;
  const left = 44;
  const bottom = 36;
  const top = 28;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...series.flatMap((x) => x.values));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const group = (width - left - 10) / Math.max(1, periods.length);
  const barW = Math.min(28, (group - 10) / series.length);
  const titleId = uid('chart');
  const ticks: number[] = [];
  for (let t = 0; t <= ceiling; t += step) ticks.push(t);
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId },
    s('title', { id: titleId }, `${caption}：${periods.map((p, i) => `${p} ${series.map((x) => `${x.name} ${x.values[i]}`).join('、')}`).join('；')}`),
    ticks.map((t) => {
      const y = top + plotH - (t / ceiling) * plotH;
      return [s('line', { class: 'grid', x1: left, x2: width - 10, y1: y, y2: y }), s('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, String(t))];
    }),
    periods.map((p, i) => {
      const x0 = left + i * group + (group - barW * series.length) / 2;
      return s(
        'g',
        null,
        series.map((x, j) => {
          const v = x.values[i] ?? 0;
          const hgt = (v / ceiling) * plotH;
          return s('rect', { class: `bar ${x.className}`, x: x0 + j * barW, y: top + plotH - hgt, width: barW - 2, height: hgt });
        }),
        s('text', { x: left + i * group + group / 2, y: height - bottom + 18, 'text-anchor': 'middle' }, p),
      );
    }),
    s('line', { class: 'axis', x1: left, x2: width - 10, y1: top + plotH, y2: top + plotH }),
    series.map((x, j) =>
      s('g', { class: 'legend' }, s('rect', { class: `bar ${x.className}`, x: left + j * 150, y: 4, width: 12, height: 12 }), s('text', { x: left + j * 150 + 18, y: 14 }, x.name)),
    ),
  );
  return figure(
    caption,
    svg,
    ['月份', ...series.map((x) => x.name)],
    periods.map((p, i) => [p, ...series.map((x) => String(x.values[i] ?? 0))]),
  );
}

function niceStep(max: number): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * power) return Math.max(1, m * power);
  return Math.max(1, 10 * power);
}

function figure(caption: string, svg: SVGSVGElement, columns: string[], rows: string[][]): HTMLElement {
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, caption),
    svg,
    h(
      'details',
      null,
      h('summary', null, `${caption}（数据表）`),
      h(
        'table',
        { class: 'records' },
        h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, rows.map((r) => h('tr', null, r.map((cell, i) => (i === 0 ? h('th', { scope: 'row', 'data-label': columns[0] }, cell) : h('td', { 'data-label': columns[i] }, cell)))))),
      ),
    ),
  );
}
