import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';

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
  /** Handles one partition's batch; throw to have the same batch retried after a backoff. */
  handle(messages: KafkaMessage[], context: BatchContext): Promise<void>;
  partitionsConsumedConcurrently?: number;
}

/**
 * Consumes whole batches and commits only after the handler succeeded. A failing batch is retried
 * with backoff (heartbeating meanwhile) until it succeeds or the consumer stops, so a dependency
 * outage delays messages and never loses them. Handlers keep poison messages from throwing.
 */
export class BatchConsumer {
  private readonly logger: Logger;
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.logger = new Logger(`BatchConsumer:${options.groupId}`);
  }

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning,
    });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async onBatch({
    batch,
    heartbeat,
    resolveOffset,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload) {
    if (batch.messages.length === 0) return;
    const context: BatchContext = { topic: batch.topic, partition: batch.partition, heartbeat };
    for (let attempt = 1; isRunning() && !isStale(); attempt++) {
      try {
        await this.options.handle(batch.messages, context);
        resolveOffset(batch.lastOffset());
        await commitOffsetsIfNecessary();
        if (attempt > 1)
          this.logger.log(
            `${batch.topic}[${batch.partition}] recovered after ${attempt - 1} failed attempts`,
          );
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 20 === 0) {
          this.logger.warn(
            `${batch.topic}[${batch.partition}] batch of ${batch.messages.length} failed (attempt ${attempt}): ${(error as Error).message}; retrying`,
          );
        }
        await this.backOff(attempt, heartbeat);
      }
    }
  }

  private async backOff(attempt: number, heartbeat: () => Promise<void>): Promise<void> {
    const delay = Math.min(200 * 2 ** Math.min(attempt, 5), 5000);
    for (let waited = 0; waited < delay; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, delay - waited)));
      await heartbeat().catch(() => undefined);
    }
  }
}
