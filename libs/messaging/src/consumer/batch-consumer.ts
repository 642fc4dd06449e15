import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { isTransientError } from '#core';
import { restartWhenCrashedForGood } from '../kafka/consumer-restarts.js';
import { CONSUMER_TIMINGS } from '../kafka/kafka-client.factory.js';

export interface BatchContext {
  topic: string;
  partition: number;
  /** Call in long work so the group does not think this member died. */
  heartbeat(): Promise<void>;
}

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  /** A new group starts at the oldest message (replay-safe consumers) or the newest. */
  fromBeginning: boolean;
  /**
   * Handles a slice of one partition's batch (at most `maxMessagesPerCall`). Throw a transient
   * error (see isTransientError) to have the same slice retried after a backoff; any other error
   * is permanent: the slice is split until the failing message is found and given to `giveUp`.
   */
  handle(messages: KafkaMessage[], context: BatchContext): Promise<void>;
  /** Settles one message that fails for good (dead-letter it, reject it); may throw transient errors. */
  giveUp(message: KafkaMessage, error: Error, context: BatchContext): Promise<void>;
  /** Bounds a handler call, so its transaction and verification requests stay small. Default 500. */
  maxMessagesPerCall?: number;
  partitionsConsumedConcurrently?: number;
}

type Running = () => boolean;
type Outcome = 'done' | 'stopped' | { permanent: Error };

/**
 * Consumes whole batches in slices and commits each slice's offset only after it was handled. A
 * slice failing for a transient reason is retried with backoff (heartbeating meanwhile) until it
 * succeeds or the consumer stops, so an outage delays messages and never loses them; a permanent
 * failure is narrowed down to its message and settled by `giveUp`, so no partition stops for good.
 */
export class BatchConsumer {
  private readonly logger: Logger;
  private consumer?: Consumer;
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.logger = new Logger(`BatchConsumer:${options.groupId}`);
  }

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      ...CONSUMER_TIMINGS,
      allowAutoTopicCreation: false,
    });
    restartWhenCrashedForGood(
      this.consumer,
      () => this.consume(),
      this.logger,
      () => this.stopped,
    );
    await this.consume();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect();
  }

  private async consume(): Promise<void> {
    const consumer = this.consumer!;
    await consumer.connect();
    await consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning,
    });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary } = payload;
    // A heartbeat refused because the group rebalances (or forgot this member) ends the batch: its
    // partition may belong to another member now, and a rejoin must not wait for our retries.
    let lostGroup = false;
    const heartbeat = async () => {
      try {
        await payload.heartbeat();
      } catch (error) {
        if (isRebalanceError(error)) lostGroup = true;
        throw error;
      }
    };
    const running = () => payload.isRunning() && !payload.isStale() && !lostGroup;
    const context: BatchContext = { topic: batch.topic, partition: batch.partition, heartbeat };
    const size = this.options.maxMessagesPerCall ?? 500;
    for (let start = 0; start < batch.messages.length && running(); start += size) {
      const slice = batch.messages.slice(start, start + size);
      if (!(await this.settle(slice, context, running))) return;
      resolveOffset(slice[slice.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat().catch(() => undefined);
    }
  }

  /** Handles `messages` until done: true, or false when the consumer stopped first. */
  private async settle(
    messages: KafkaMessage[],
    context: BatchContext,
    running: Running,
  ): Promise<boolean> {
    const where = `${context.topic}[${context.partition}]`;
    const outcome = await this.retryTransient(
      () => this.options.handle(messages, context),
      `${where} batch of ${messages.length}`,
      context,
      running,
    );
    if (typeof outcome === 'string') return outcome === 'done';
    const error = outcome.permanent;
    if (messages.length === 1) {
      const [message] = messages;
      this.logger.error(
        `${where}@${message.offset} failed for good, giving up on it: ${error.message}`,
        error.stack,
      );
      const given = await this.retryTransient(
        () => this.options.giveUp(message, error, context),
        `${where}@${message.offset} give-up`,
        context,
        running,
      );
      if (typeof given !== 'string') {
        // Retrying would stop the partition for good; the message stays readable at its offset.
        this.logger.error(
          `${where}@${message.offset} could not be given up either (${given.permanent.message}); ` +
            `skipped: read it at that offset until the topic's retention removes it`,
        );
        return true;
      }
      return given === 'done';
    }
    const half = Math.ceil(messages.length / 2);
    return (
      (await this.settle(messages.slice(0, half), context, running)) &&
      (await this.settle(messages.slice(half), context, running))
    );
  }

  /** Runs `work`, retrying transient failures with backoff; says how it ended. */
  private async retryTransient(
    work: () => Promise<void>,
    what: string,
    context: BatchContext,
    running: Running,
  ): Promise<Outcome> {
    for (let attempt = 1; running(); attempt++) {
      try {
        await work();
        if (attempt > 1) this.logger.log(`${what} recovered after ${attempt - 1} failed attempts`);
        return 'done';
      } catch (error) {
        if (!isTransientError(error)) {
          return { permanent: error instanceof Error ? error : new Error(String(error)) };
        }
        if (attempt === 1 || attempt % 20 === 0) {
          this.logger.warn(
            `${what} failed (attempt ${attempt}): ${(error as Error).message}; retrying`,
          );
        }
        await this.backOff(attempt, context.heartbeat, running);
      }
    }
    return 'stopped';
  }

  private async backOff(attempt: number, heartbeat: () => Promise<void>, running: Running) {
    const delay = Math.min(200 * 2 ** Math.min(attempt, 5), 5000);
    for (let waited = 0; waited < delay && running(); waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, delay - waited)));
      await heartbeat().catch(() => undefined);
    }
  }
}

const REBALANCE_ERRORS = [
  'REBALANCE_IN_PROGRESS',
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'FENCED_INSTANCE_ID',
];

/** kafkajs's answer to a heartbeat of a member whose group is being, or has been, rebalanced. */
function isRebalanceError(error: unknown): boolean {
  return REBALANCE_ERRORS.includes((error as { type?: string })?.type ?? '');
}
