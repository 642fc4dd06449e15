import { describe, expect, it } from '@jest/globals';
import { metricsRegistry } from '#observability';
import type { EmployeeEntity } from '../employee/employee.entity.js';
import { counted } from './hire-metrics.js';

/** Decisions counted as `outcome/reason`, read from prom-client's own JSON. */
async function decisions(): Promise<Record<string, number>> {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find(
    (m) => m.name === 'employment_hire_decisions_total',
  );
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [`${v.labels.outcome}/${v.labels.reason}`, v.value]),
  );
}

describe('hire decision metrics', () => {
  it('counts hires, and rejections by reason, and hands the decisions back', async () => {
    const hired = { hired: {} as EmployeeEntity };
    const rejected = { rejected: 'PERSON_NOT_FOUND' as const, detail: 'no such person' };
    expect(counted(hired)).toBe(hired);
    const batch = [rejected, rejected];
    expect(counted(batch)).toBe(batch);
    expect(await decisions()).toEqual({ 'hired/': 1, 'rejected/PERSON_NOT_FOUND': 2 });
  });
});
