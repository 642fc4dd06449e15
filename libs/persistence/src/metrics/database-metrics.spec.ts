import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { metricsRegistry } from '#observability';
import { observeConnectionPool } from './database-metrics.js';

/** The family's samples as `labels → value`, read from prom-client's own JSON. */
async function samples(name: string): Promise<Record<string, number>> {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === name);
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [Object.values(v.labels).join('/'), v.value]),
  );
}

describe(observeConnectionPool.name, () => {
  it("reports the pool's used, idle and waiting connections as they are at scrape time", async () => {
    const pool = { totalCount: 7, idleCount: 2, waitingCount: 3, options: { max: 10 } };
    observeConnectionPool('people', { driver: { master: pool } } as unknown as DataSource);
    expect(await samples('db_client_connection_count')).toMatchObject({
      'people/used': 5,
      'people/idle': 2,
    });
    expect(await samples('db_client_connection_pending_requests')).toMatchObject({ people: 3 });
    expect(await samples('db_client_connection_max')).toMatchObject({ people: 10 });
    pool.waitingCount = 0;
    expect(await samples('db_client_connection_pending_requests')).toMatchObject({ people: 0 });
  });

  it('refuses a DataSource without a pg Pool', () => {
    expect(() => observeConnectionPool('x', { driver: {} } as unknown as DataSource)).toThrow(
      /no pg Pool/,
    );
  });
});
