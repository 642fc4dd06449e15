import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { gauge, histogram } from '#observability';

/** The backlog is counted up to this many rows, so that a huge one does not make sampling slow. */
export const BACKLOG_COUNT_CAP = 100_000;

export const outboxUnpublished = gauge({
  name: 'outbox_messages_unpublished',
  help: `Outbox rows not published yet (counted up to ${BACKLOG_COUNT_CAP}), sampled every few seconds.`,
});

/** When the oldest unpublished row was written (epoch ms), or null when there is none. */
let oldestCreatedMs: number | null = null;

gauge({
  name: 'outbox_oldest_unpublished_age_seconds',
  help: 'Age of the oldest outbox row not published yet; 0 when every row is published.',
  collect() {
    // Worked out at scrape time, so it keeps growing while the database cannot be sampled.
    this.set(oldestCreatedMs === null ? 0 : Math.max(0, (Date.now() - oldestCreatedMs) / 1000));
  },
});

export const outboxPublishLatency = histogram({
  name: 'outbox_publish_latency_seconds',
  help: 'From an outbox row being written (its transaction) to its publication being acknowledged by Kafka.',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

/** Samples the outbox's backlog every `intervalMs` (one indexed query), never at scrape time. */
export class OutboxBacklogSampler {
  private readonly logger = new Logger(OutboxBacklogSampler.name);
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intervalMs = 5000,
  ) {}

  start(): void {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sample(): Promise<void> {
    try {
      const [row] = await this.dataSource.query(
        `SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT $1) b)::int
                  AS unpublished,
                (SELECT extract(epoch FROM created_at) * 1000 FROM outbox
                  WHERE published_at IS NULL ORDER BY id LIMIT 1)::float8 AS oldest_ms`,
        [BACKLOG_COUNT_CAP],
      );
      outboxUnpublished.set(row.unpublished);
      oldestCreatedMs = row.oldest_ms === null ? null : Number(row.oldest_ms);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`cannot sample the outbox: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
