import { Logger } from '@nestjs/common';
import type { Producer, TopicMessages } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxListener } from './outbox-listener.js';
import { OutboxBacklogSampler, outboxPublishLatency } from './outbox-metrics.js';
import { WakeupSignal } from './wakeup-signal.js';
import { eventHeaders } from '#messaging';
import { phasesWatched, reportPhase, since } from '#core';
import {
  correlationIdFrom,
  runWithLogContext,
  traceIdFrom,
  traceparentOfSpan,
  type Span,
} from '#observability';
import { endPublishSpans, startPublishSpans } from './publish-spans.js';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Fallback poll when no notification comes (lost LISTEN connection, missed notify). */
  pollIntervalMs?: number;
  /** Published rows older than this are deleted (they stay a while for diagnosis). */
  retentionHours?: number;
}

const PRUNE_EVERY_MS = 10 * 60_000;

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  event_type: string;
  event_id: string;
  correlation_id: string | null;
  /** The writer's trace (W3C), null for rows written before it was kept. */
  traceparent: string | null;
  payload: string;
  /** When the row was written (its transaction's start), epoch ms. */
  created_ms: number;
}

/** Any constant works; it only has to be the same in every replica of one service (one database). */
const RELAY_LOCK_KEY = 7_401_001;

/**
 * Publishes committed outbox rows to Kafka in commit order and marks them published.
 * Woken by NOTIFY at commit, so events leave within milliseconds; a transaction-scoped advisory
 * lock lets one replica relay at a time, which keeps per-aggregate order with several replicas.
 * While Kafka is down the rows stay and are retried with backoff.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly signal = new WakeupSignal();
  private readonly listener: OutboxListener;
  private readonly backlog: OutboxBacklogSampler;
  private running = false;
  private loop?: Promise<void>;
  private failures = 0;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly options: OutboxRelayOptions = {},
  ) {
    // LISTEN needs a connection of its own, to the same database the DataSource uses.
    const { url } = dataSource.options as { url?: string };
    if (!url) throw new Error('OutboxRelay needs a DataSource configured with a url');
    this.listener = new OutboxListener(url, () => this.signal.notify());
    this.backlog = new OutboxBacklogSampler(dataSource);
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listener.start();
    this.backlog.start();
    this.loop = this.run();
  }

  /** Stops after the batch in flight; rows not yet sent stay for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
    this.backlog.stop();
    await this.listener.stop();
  }

  /** Sends one batch; returns how many rows it published (0 when idle or another replica relays). */
  async relayBatch(): Promise<number> {
    const started = performance.now();
    const sent = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        RELAY_LOCK_KEY,
      ]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, event_type, event_id, correlation_id, traceparent, payload,
                (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
           FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [this.options.batchSize ?? 500],
      );
      if (rows.length === 0) return 0;
      const spans = startPublishSpans(rows);
      try {
        await this.producer.sendBatch({ topicMessages: toTopicMessages(rows, spans), acks: -1 });
      } catch (error) {
        endPublishSpans(spans, error);
        throw error;
      }
      endPublishSpans(spans);
      const sentAt = Date.now();
      const watched = phasesWatched();
      for (const row of rows) {
        outboxPublishLatency.observe((sentAt - row.created_ms) / 1000);
        if (watched) reportPhase('outbox written to sent', sentAt - row.created_ms);
      }
      await markPublished(manager, rows);
      this.logPublished(rows);
      return rows.length;
    });
    if (sent > 0) reportPhase('outbox relay batch', since(started));
    return sent;
  }

  /** A debug line per published row, in the log context of the request that wrote it. */
  private logPublished(rows: OutboxRow[]): void {
    for (const row of rows) {
      const context = {
        correlationId: correlationIdFrom(row.correlation_id),
        traceId: traceIdFrom(row.traceparent),
      };
      runWithLogContext(context, () =>
        this.logger.debug(`published ${row.event_type} ${row.event_id} to ${row.topic}`),
      );
    }
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    while (this.running) {
      try {
        const sent = await this.relayBatch();
        this.recovered();
        if (sent === batchSize) continue;
        await this.pruneIfDue();
        await this.signal.wait(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        await this.backOff(error as Error);
      }
    }
  }

  /** Deletes rows published longer ago than the retention, at most every ten minutes. */
  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`,
      [this.options.retentionHours ?? 24 * 7],
    );
  }

  private recovered(): void {
    if (this.failures > 0)
      this.logger.log(`relay recovered after ${this.failures} failed attempts`);
    this.failures = 0;
  }

  private async backOff(error: Error): Promise<void> {
    this.failures += 1;
    if (this.failures === 1 || this.failures % 20 === 0) {
      this.logger.warn(
        `cannot publish outbox (attempt ${this.failures}): ${error.message}; events are kept and retried`,
      );
    }
    const delay = Math.min(100 * 2 ** Math.min(this.failures, 6), 5000);
    await this.signal.wait(delay);
  }
}

/** The rows as messages by topic; each carries its publish span's trace, else its writer's. */
function toTopicMessages(rows: OutboxRow[], spans: Array<Span | undefined>): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const [i, row] of rows.entries()) {
    const entry = byTopic.get(row.topic) ?? { topic: row.topic, messages: [] };
    const span = spans[i];
    const traceparent = span ? traceparentOfSpan(span) : row.traceparent;
    const headers = eventHeaders(row.event_type, row.event_id, row.correlation_id, traceparent);
    entry.messages.push({ key: row.message_key, value: row.payload, headers });
    byTopic.set(row.topic, entry);
  }
  return [...byTopic.values()];
}

async function markPublished(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
  await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
    rows.map((r) => r.id),
  ]);
}
