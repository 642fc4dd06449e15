import { describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { climbing, MIN_STEPS, rateSteps, saturated } from '../../scripts/bench/curve-steps.js';
import {
  CHART,
  latencyChartSvg,
  linearTicks,
  logTicks,
} from '../../scripts/bench/latency-chart.js';

const load = (reqPerSec: number, p99: number, errors = 0) => ({
  reqPerSec,
  latency: { p50: p99 / 2, p99, p999: p99 },
  errors,
  total: 1000,
});

describe('rateSteps', () => {
  it('multiplies the offered rate by the factor up to the maximum, rounded to 2 digits', () => {
    expect(rateSteps(250, 2, 8000)).toEqual([250, 500, 1000, 2000, 4000, 8000]);
    expect(rateSteps(50, 1.5, 400)).toEqual([50, 75, 110, 170, 250, 380]);
  });

  it('refuses steps that would never end', () => {
    expect(() => rateSteps(100, 1, 1000)).toThrow('factor > 1');
    expect(() => rateSteps(0, 2, 1000)).toThrow('start > 0');
  });
});

describe('saturated', () => {
  it('is past the knee when the 2xx rate falls under 90 % of the offered rate', () => {
    expect(saturated({ rate: 1000, result: load(950, 20) })).toBe(false);
    expect(saturated({ rate: 1000, result: load(850, 20) })).toBe(true);
  });

  it('is past the knee with more than 1 % errors or a p99 over the limit', () => {
    expect(saturated({ rate: 1000, result: load(1000, 20, 11) })).toBe(true);
    expect(saturated({ rate: 1000, result: load(1000, 2500) })).toBe(true);
    expect(saturated({ rate: 1000, result: load(1000, NaN) })).toBe(true);
  });
});

describe('climbing', () => {
  const ok = (rate: number) => ({ rate, result: load(rate, 20) });
  const over = (rate: number) => ({ rate, result: load(rate / 2, 20) });

  it('runs at least MIN_STEPS steps, then stops at the first saturated one', () => {
    expect(MIN_STEPS).toBe(3);
    expect(climbing([])).toBe(true);
    expect(climbing([over(100), over(200)])).toBe(true);
    expect(climbing([over(100), over(200), over(400)])).toBe(false);
    expect(climbing([ok(100), ok(200), ok(400)])).toBe(true);
    expect(climbing([ok(100), ok(200), ok(400), over(800)])).toBe(false);
  });
});

describe('latencyChartSvg', () => {
  const svg = latencyChartSvg({
    title: 'GET <people> & co',
    notes: ['npm run bench -- --curve, 2 cores'],
    series: [
      {
        name: 'product p99',
        color: '#00f',
        points: [
          { x: 0, y: 1 },
          { x: 500, y: 10 },
          { x: 1000, y: 1000 },
        ],
      },
      { name: 'bare server p50', color: '#f80', dashed: true, points: [{ x: 1000, y: 100 }] },
    ],
  });
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg).svg;
  const groups: any[] = [doc.g].flat();
  const pointsOf = (name: string) =>
    groups
      .find((g) => g['data-series'] === name)
      .polyline.points.split(' ')
      .map((p: string) => p.split(',').map(Number));

  it('is well-formed XML with the title escaped', () => {
    expect(doc.width).toBe(String(CHART.width));
    expect([doc.text].flat()[0]['#text']).toBe('GET <people> & co');
  });

  it('places each point on a linear rate axis and a logarithmic latency axis', () => {
    // x ticks 0..1000, y ticks 1..1000 ms: three decades over the plot's height.
    const [left, right] = [CHART.left, CHART.width - CHART.right];
    const [bottom, top] = [CHART.height - CHART.bottom, CHART.top];
    const decade = (bottom - top) / 3;
    const pts = pointsOf('product p99');
    expect(pts[0]).toEqual([left, bottom]);
    expect(pts[1][0]).toBeCloseTo((left + right) / 2, 0);
    expect(pts[1][1]).toBeCloseTo(bottom - decade, 0);
    expect(pts[2]).toEqual([right, top]);
    expect(pointsOf('bare server p50')[0][1]).toBeCloseTo(bottom - 2 * decade, 0);
  });

  it('draws a dot with a tooltip per point and a dashed line for p50', () => {
    const group = groups.find((g) => g['data-series'] === 'product p99');
    expect(group.circle).toHaveLength(3);
    expect(group.circle[2].title).toBe('product p99: 1000 ms at 1000/s');
    const dashed = groups.find((g) => g['data-series'] === 'bare server p50');
    expect(dashed.polyline['stroke-dasharray']).toBe('6 4');
  });

  it('picks round ticks', () => {
    expect(linearTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(linearTicks(4300)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(logTicks(1.5, 230)).toEqual([1, 10, 100, 1000]);
  });
});
