import type { DataSource } from 'typeorm';
import { gauge, histogram } from '#observability';

/** How many writes each group commit took in one transaction, by Idempotency-Key scope. */
export const groupCommitWrites = histogram({
  name: 'db_group_commit_writes',
  help: 'Writes committed together by one group commit (group size), by write scope.',
  labelNames: ['scope'] as const,
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
});

/** What pg's Pool reports of itself (pg.Pool's public counters). */
interface PoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

const pools = new Map<string, PoolCounters>();
const POOL = 'db_client_connection_pool_name';

/** OpenTelemetry's `db.client.connection.count`, by state (used, idle); read from the pools at scrape. */
gauge({
  name: 'db_client_connection_count',
  help: 'Connections of the database pool, by state (used or idle).',
  labelNames: [POOL, 'db_client_connection_state'] as const,
  collect() {
    for (const [name, pool] of pools) {
      const idle = pool.idleCount;
      this.set({ [POOL]: name, db_client_connection_state: 'used' }, pool.totalCount - idle);
      this.set({ [POOL]: name, db_client_connection_state: 'idle' }, idle);
    }
  },
});

/** OpenTelemetry's `db.client.connection.pending_requests`: callers waiting for a connection. */
gauge({
  name: 'db_client_connection_pending_requests',
  help: 'Queries waiting for a free connection of the database pool.',
  labelNames: [POOL] as const,
  collect() {
    for (const [name, pool] of pools) this.set({ [POOL]: name }, pool.waitingCount);
  },
});

/** OpenTelemetry's `db.client.connection.max`: the pool's size. */
gauge({
  name: 'db_client_connection_max',
  help: 'Most connections the database pool opens.',
  labelNames: [POOL] as const,
  collect() {
    for (const [name, pool] of pools) this.set({ [POOL]: name }, pool.options.max ?? 10);
  },
});

/**
 * Reports `dataSource`'s connection pool (TypeORM's PostgreSQL driver keeps pg's Pool as `master`)
 * under `name`. The figures are read from memory at scrape time, never from the database.
 */
export function observeConnectionPool(name: string, dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { master?: PoolCounters }).master;
  if (!pool || typeof pool.totalCount !== 'number') {
    throw new Error(`no pg Pool behind the DataSource of ${name}; cannot report its connections`);
  }
  pools.set(name, pool);
}
