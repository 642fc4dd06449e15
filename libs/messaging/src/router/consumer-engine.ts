import { Logger } from '@nestjs/common';
import { phasesWatched, reportPhase, since } from '#core';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
import { CONSUMER_RETRY, restartAfterCrash } from '../kafka/consumer-restarts.js';
import { CONSUMER_TIMINGS } from '../kafka/kafka-client.factory.js';
import type { ConsumerReadiness } from '../health/consumer-readiness.js';
import { ConsumerLagReport } from '../metrics/consumer-lag.js';
import { OffsetProgress } from './offset-progress.js';
import type { SliceContext, SliceHandler } from './pipeline.js';
import { SliceAbandoned } from './middleware/retry-transient.js';

export interface ConsumerEngineOptions {
  groupId: string;
  topics: string[];
  /** A new group starts at the oldest message (requests, replay-safe consumers) or the newest. */
  fromBeginning: boolean;
  /**
   * `in-order`: a partition's batch is handled in slices, one after another (events, hire
   * requests). `concurrent`: every message is started at once, alone, and the next fetch does not
   * wait for the answers (request/reply); handlers coalesce what arrives in one tick.
   */
  mode: 'in-order' | 'concurrent';
  handle: SliceHandler;
  /**
   * In-order mode: told of the next slice of a batch as soon as the one before is handed to
   * `handle`, so it can start read-only work for it (asking other services) while that one commits.
   * The next slice is still handled only after the one before it, in offset order.
   */
  lookAhead?: (messages: KafkaMessage[], context: SliceContext) => void;
  /** In-order mode: most messages a slice holds (one transaction, bounded verification). */
  sliceSize?: number;
  partitionsConsumedConcurrently?: number;
  maxWaitTimeInMs?: number;
  maxBytesPerPartition?: number;
  maxBytes?: number;
  /** How often handled offsets are committed (default 100 ms). */
  commitIntervalMs?: number;
  /** Told when this consumer joins or leaves its group (for GET /health/ready). */
  readiness?: ConsumerReadiness;
}

/** Messages in flight at once (concurrent mode) before the engine stops fetching more. */
const MAX_IN_FLIGHT = 2_000;
/**
 * Handled messages whose offsets are not committed yet are handled again if this process dies
 * (their writes are answered from the request's record, see guardedWrite): a commit per handled
 * tick was a third of a request server's Kafka requests under load.
 */
const COMMIT_INTERVAL_MS = 100;
/**
 * A refused commit (the group rebalancing, the coordinator moving) is tried again, backing off to
 * this, until it goes through or this member stops: the last handled offsets of a partition that
 * then goes quiet would otherwise wait for a next message that may never come.
 */
const MAX_COMMIT_RETRY_MS = 2_000;
/** How long stop() lets messages in flight finish; callers' deadlines are usually shorter. */
const STOP_WAIT_MS = 10_000;
const REBALANCE_ERRORS = [
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'FENCED_INSTANCE_ID',
];

/**
 * The one consumer loop under every route: eachBatch, slices, offsets committed only behind what
 * was handled, heartbeats, rebalances and restarts after a crash kafkajs will not restart.
 */
export class ConsumerEngine {
  private readonly logger: Logger;
  private consumer?: Consumer;
  private stopped = false;
  private joined = false;
  private readonly progress = new OffsetProgress(() => this.commitSoon());
  private readonly slicesInFlight = new Set<Promise<unknown>>();
  private commitLoop?: Promise<void>;
  private commitAgain = false;
  /** Commits refused in a row (backs the retries off). */
  private commitFailures = 0;
  /** Ends the commit loop's wait at stop(), which commits once more itself. */
  private readonly stopping = new AbortController();
  private readonly lag: ConsumerLagReport;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumerEngineOptions,
  ) {
    this.logger = new Logger(`ConsumerEngine:${options.groupId}`);
    this.lag = new ConsumerLagReport(options.groupId);
  }

  /** True once this member joined its group (readiness). */
  get hasJoined(): boolean {
    return this.joined;
  }

  async start(): Promise<void> {
    const { groupId, maxWaitTimeInMs, maxBytesPerPartition, maxBytes } = this.options;
    this.consumer = this.kafka.consumer({
      groupId,
      ...CONSUMER_TIMINGS,
      maxWaitTimeInMs: maxWaitTimeInMs ?? CONSUMER_TIMINGS.maxWaitTimeInMs,
      maxBytesPerPartition,
      maxBytes,
      allowAutoTopicCreation: false,
      retry: CONSUMER_RETRY,
    });
    this.options.readiness?.watch(groupId, this.consumer);
    // Partitions another member took are no longer ours to track or commit.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joined = true;
      this.progress.keepOnly(payload.memberAssignment);
      this.lag.keepOnly(payload.memberAssignment);
    });
    restartAfterCrash(
      this.consumer,
      () => this.run(),
      this.logger,
      () => this.stopped,
    );
    await this.run();
  }

  /** Stops fetching, lets what is in flight finish (bounded), commits it, disconnects. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    const consumer = this.consumer;
    if (!consumer) return;
    try {
      consumer.pause(this.options.topics.map((topic) => ({ topic })));
    } catch {
      // not running (it never joined, or crashed): nothing is being fetched
    }
    const inFlight = Promise.all([this.progress.idle(), ...this.slicesInFlight]);
    const waited = new AbortController();
    await Promise.race([
      inFlight,
      delay(STOP_WAIT_MS, undefined, { signal: waited.signal }).catch(() => undefined),
    ]);
    waited.abort(); // no timer left to hold the process up
    await this.commitLoop;
    await this.commitOnce();
    await consumer.disconnect();
    this.lag.clear();
  }

  private async run(): Promise<void> {
    const consumer = this.consumer!;
    await consumer.connect();
    await consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning,
    });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) =>
        this.options.mode === 'concurrent' ? this.startEach(payload) : this.handleInOrder(payload),
    });
  }

  /** Starts every message of the batch and returns without waiting for them. */
  private async startEach(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset } = payload;
    const context = this.contextOf(payload);
    const fetchedAt = phasesWatched() ? Date.now() : undefined;
    for (const message of batch.messages) {
      if (!context.running()) return;
      if (fetchedAt) reportPhase(`fetched ${batch.topic}`, fetchedAt - Number(message.timestamp));
      if (!this.progress.wasStarted(batch.topic, batch.partition, message.offset)) {
        const work = this.options
          .handle([message], context)
          .catch((error: Error) =>
            this.logger.error(
              `${batch.topic}@${message.offset} failed: ${error.message}`,
              error.stack,
            ),
          );
        this.progress.start(batch.topic, batch.partition, message.offset, work);
      }
      resolveOffset(message.offset);
    }
    const last = batch.messages[batch.messages.length - 1];
    if (last) this.lag.report(batch.topic, batch.partition, batch.highWatermark, +last.offset + 1);
    while (this.progress.inFlight > MAX_IN_FLIGHT && context.running()) {
      await Promise.race([this.progress.idle(), delay(100)]);
      await payload.heartbeat();
    }
  }

  /**
   * Handles the batch in slices, one after another; a slice's offsets advance once it was handled.
   * While one is handled, the next is looked ahead at (see ConsumerEngineOptions.lookAhead).
   */
  private async handleInOrder(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset } = payload;
    const context = this.contextOf(payload);
    const fresh = batch.messages.filter(
      (m) => !this.progress.wasStarted(batch.topic, batch.partition, m.offset),
    );
    const size = this.options.sliceSize ?? 500;
    if (fresh[0])
      this.lag.report(batch.topic, batch.partition, batch.highWatermark, fresh[0].offset);
    for (let start = 0; start < fresh.length && context.running(); start += size) {
      const slice = fresh.slice(start, start + size);
      reportPhase(`slice started ${batch.topic}`, Date.now() - Number(slice[0].timestamp));
      const began = performance.now();
      const work = this.options.handle(slice, context);
      this.lookAhead(fresh.slice(start + size, start + 2 * size), context);
      this.slicesInFlight.add(work);
      try {
        await work;
      } catch (error) {
        if (error instanceof SliceAbandoned) return;
        throw error;
      } finally {
        this.slicesInFlight.delete(work);
        reportPhase(`slice handled ${batch.topic}`, since(began));
      }
      const last = slice[slice.length - 1].offset;
      this.progress.start(batch.topic, batch.partition, last, Promise.resolve());
      resolveOffset(last);
      this.lag.report(batch.topic, batch.partition, batch.highWatermark, +last + 1);
      await context.heartbeat().catch(() => undefined);
    }
  }

  private lookAhead(next: KafkaMessage[], context: SliceContext): void {
    if (next.length === 0 || !this.options.lookAhead) return;
    try {
      this.options.lookAhead(next, context);
    } catch (error) {
      this.logger.debug(`look-ahead failed: ${(error as Error).message}`); // only a head start
    }
  }

  /**
   * Where the batch was read and how to stay in the group. A heartbeat refused because the group
   * rebalances ends the batch: its partition may be another member's now, and a rejoin must not
   * wait for this member's retries.
   */
  private contextOf(payload: EachBatchPayload): SliceContext {
    let lostGroup = false;
    return {
      topic: payload.batch.topic,
      partition: payload.batch.partition,
      heartbeat: async () => {
        try {
          await payload.heartbeat();
        } catch (error) {
          if (REBALANCE_ERRORS.includes((error as { type?: string }).type ?? '')) lostGroup = true;
          throw error;
        }
      },
      running: () => !this.stopped && payload.isRunning() && !payload.isStale() && !lostGroup,
    };
  }

  /** Commits what was handled, at most every COMMIT_INTERVAL_MS, and again after a refusal. */
  private commitSoon(): void {
    this.commitAgain = true;
    if (this.commitLoop) return;
    this.commitLoop = (async () => {
      while (this.commitAgain && !this.stopped) {
        this.commitAgain = false;
        if (!(await this.commitOnce())) this.commitAgain = true;
        const interval = this.options.commitIntervalMs ?? COMMIT_INTERVAL_MS;
        const wait = Math.min(interval * 2 ** this.commitFailures, MAX_COMMIT_RETRY_MS);
        await delay(Math.max(interval, wait), undefined, { signal: this.stopping.signal }).catch(
          () => undefined,
        );
      }
      this.commitLoop = undefined;
    })();
  }

  /** Commits what is committable; false when the broker refused it (it is put back). */
  private async commitOnce(): Promise<boolean> {
    const offsets = this.progress.takeCommittable();
    if (offsets.length === 0) return true;
    try {
      await this.consumer!.commitOffsets(offsets);
      this.commitFailures = 0;
      return true;
    } catch (error) {
      // Put back for the next try; a partition a rebalance took is handled again by its new reader.
      this.progress.restore(offsets);
      this.commitFailures += 1;
      const say = this.commitFailures === 10 ? 'warn' : 'debug';
      this.logger[say](
        `offsets not committed yet (${this.commitFailures} tries): ${(error as Error).message}`,
      );
      return false;
    }
  }
}
