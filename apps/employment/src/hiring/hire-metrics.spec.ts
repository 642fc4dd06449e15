import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES, createEnvelope } from '#contracts';
import { metricsRegistry } from '#observability';
import { countedHireDecision } from './hire-metrics.js';

/** Decisions counted as `outcome/reason`, read from prom-client's own JSON. */
async function decisions(): Promise<Record<string, number>> {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find(
    (m) => m.name === 'employment_hire_decisions_total',
  );
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [`${v.labels.outcome}/${v.labels.reason}`, v.value]),
  );
}

describe(countedHireDecision.name, () => {
  it('counts hires, and rejections by reason, and hands the event back', async () => {
    const hired = createEnvelope(EVENT_TYPES.employeeHired, 'e1', {}, 'r1');
    const rejected = createEnvelope(
      EVENT_TYPES.employeeHireRejected,
      'e2',
      { reason: 'PERSON_NOT_FOUND' },
      'r2',
    );
    expect(countedHireDecision(hired)).toBe(hired);
    countedHireDecision(rejected);
    countedHireDecision(rejected);
    expect(await decisions()).toEqual({ 'hired/': 1, 'rejected/PERSON_NOT_FOUND': 2 });
  });
});
