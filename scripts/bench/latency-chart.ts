/**
 * A latency-against-load chart as a standalone SVG: offered rate on a linear x axis, latency in ms
 * on a logarithmic y axis (so 2 ms and 2 s both read), one polyline per series with a dot per point.
 * Written by hand: a few dozen lines of markup need no charting library or browser.
 */

export interface ChartPoint {
  /** Offered requests/s. */
  x: number;
  /** Latency, ms (> 0). */
  y: number;
}

export interface ChartSeries {
  name: string;
  color: string;
  dashed?: boolean;
  points: ChartPoint[];
}

export interface ChartSpec {
  title: string;
  /** Up to 3 lines under the title: what was run, when, on what machine. */
  notes: string[];
  series: ChartSeries[];
}

/** Size and plot area of every chart, in SVG user units. */
export const CHART = { width: 760, height: 480, left: 70, right: 190, top: 90, bottom: 50 };

/** 0, step, 2·step, ... up to the first tick at or above `max` (step 1, 2 or 5 × 10^k). */
export function linearTicks(max: number, count = 6): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const ticks = [0];
  while (ticks[ticks.length - 1] < max) ticks.push(ticks.length * step);
  return ticks;
}

/** Powers of ten from the one at or below `min` to the one at or above `max`. */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(Math.max(min, 0.01)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(max, 0.01))));
  return Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
}

/** Maps data to SVG coordinates for the given axes (y grows downwards in SVG). */
export function chartScale(xTicks: number[], yTicks: number[]) {
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const [xMax, yMin, yMax] = [xTicks[xTicks.length - 1], yTicks[0], yTicks[yTicks.length - 1]];
  const clampY = (y: number) => Math.min(Math.max(y, yMin), yMax);
  return {
    x: (x: number) => CHART.left + (x / xMax) * plotW,
    y: (y: number) =>
      CHART.top + plotH - (Math.log10(clampY(y) / yMin) / Math.log10(yMax / yMin)) * plotH,
  };
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (v: number) => Math.round(v * 10) / 10;
const label = (v: number) => (v >= 1000 ? `${v / 1000}k` : String(v));

/** The chart as an SVG document. */
export function latencyChartSvg(spec: ChartSpec): string {
  const points = spec.series.flatMap((s) => s.points);
  const xTicks = linearTicks(Math.max(1, ...points.map((p) => p.x)));
  const ys = points.map((p) => p.y).filter((y) => y > 0);
  const yTicks = logTicks(Math.min(1, ...ys), Math.max(10, ...ys));
  const scale = chartScale(xTicks, yTicks);
  const [x0, x1] = [CHART.left, CHART.width - CHART.right];
  const [y0, y1] = [CHART.height - CHART.bottom, CHART.top];
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="${CHART.height}" ` +
      `viewBox="0 0 ${CHART.width} ${CHART.height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${x0}" y="22" font-size="15" font-weight="bold">${escape(spec.title)}</text>`,
    ...spec.notes.map(
      (n, i) => `<text x="${x0}" y="${40 + i * 14}" fill="#555">${escape(n)}</text>`,
    ),
  ];
  for (const t of xTicks) {
    const x = r1(scale.x(t));
    out.push(
      `<line x1="${x}" y1="${y0}" x2="${x}" y2="${y1}" stroke="#eee"/>`,
      `<text x="${x}" y="${y0 + 16}" text-anchor="middle">${label(t)}</text>`,
    );
  }
  for (const t of yTicks) {
    const y = r1(scale.y(t));
    out.push(
      `<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#eee"/>`,
      `<text x="${x0 - 6}" y="${y + 4}" text-anchor="end">${label(t)} ms</text>`,
    );
  }
  out.push(
    `<path d="M${x0} ${y1}V${y0}H${x1}" fill="none" stroke="#333"/>`,
    `<text x="${(x0 + x1) / 2}" y="${CHART.height - 12}" text-anchor="middle">offered rate, requests/s</text>`,
  );
  spec.series.forEach((s, i) => {
    const coords = s.points.map((p) => `${r1(scale.x(p.x))},${r1(scale.y(p.y))}`);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `<g data-series="${escape(s.name)}">`,
      `<polyline points="${coords.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
      ...s.points.map(
        (p, j) =>
          `<circle cx="${coords[j].split(',')[0]}" cy="${coords[j].split(',')[1]}" r="3" fill="${s.color}">` +
          `<title>${escape(s.name)}: ${r1(p.y)} ms at ${p.x}/s</title></circle>`,
      ),
      `</g>`,
    );
    const ly = CHART.top + 10 + i * 20;
    out.push(
      `<line x1="${x1 + 15}" y1="${ly}" x2="${x1 + 45}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${x1 + 52}" y="${ly + 4}">${escape(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
