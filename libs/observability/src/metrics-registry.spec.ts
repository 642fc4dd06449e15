import { describe, expect, it } from '@jest/globals';
import { counter, metricsRegistry, startProcessMetrics } from './metrics-registry.js';

describe('metrics registry', () => {
  it('makes a family once however often its module asks for it', () => {
    const first = counter({ name: 'test_things_total', help: 'things', labelNames: ['kind'] });
    const again = counter({ name: 'test_things_total', help: 'things', labelNames: ['kind'] });
    expect(again).toBe(first);
  });

  it("reports Node's process metrics with the service's name on every series", async () => {
    startProcessMetrics('people');
    startProcessMetrics('people'); // a second call must not register the defaults twice
    const metrics = await metricsRegistry.getMetricsAsJSON();
    const heap = metrics.find((m) => m.name === 'nodejs_heap_size_used_bytes');
    expect(heap?.values[0]?.labels).toEqual({ service: 'people' });
    expect(metrics.map((m) => m.name)).toContain('process_cpu_seconds_total');
  });
});
