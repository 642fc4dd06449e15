import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { metricsRegistry } from '#observability';
import { OutboxBacklogSampler } from './outbox-metrics.js';

/** One unlabelled gauge's value, read from prom-client's own JSON. */
async function valueOf(name: string): Promise<number | undefined> {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === name);
  return metric?.values[0]?.value;
}

describe(OutboxBacklogSampler.name, () => {
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

  it('reports the backlog, and an age that keeps growing while the database cannot be asked', async () => {
    let answer: () => Promise<unknown> = async () => [
      { unpublished: 42, oldest_ms: Date.now() - 30_000 },
    ];
    const dataSource = { query: jest.fn(() => answer()) } as unknown as DataSource;
    const sampler = new OutboxBacklogSampler(dataSource);

    await sampler.sample();
    expect(await valueOf('outbox_messages_unpublished')).toBe(42);
    const age = (await valueOf('outbox_oldest_unpublished_age_seconds'))!;
    expect(age).toBeGreaterThanOrEqual(30);
    expect(age).toBeLessThan(40);

    answer = () => Promise.reject(new Error('database down'));
    await sampler.sample();
    expect(await valueOf('outbox_messages_unpublished')).toBe(42);
    jest.useFakeTimers({ now: Date.now() + 5000, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      expect(await valueOf('outbox_oldest_unpublished_age_seconds')).toBeGreaterThan(age + 4);
    } finally {
      jest.useRealTimers();
    }

    answer = async () => [{ unpublished: 0, oldest_ms: null }];
    await sampler.sample();
    expect(await valueOf('outbox_messages_unpublished')).toBe(0);
    expect(await valueOf('outbox_oldest_unpublished_age_seconds')).toBe(0);
  });
});
