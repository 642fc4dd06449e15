import { Logger } from '@nestjs/common';
import { KafkaContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Message,
  type Producer,
} from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';
import { lastValueFrom } from 'rxjs';
import { parseMessageJson } from '#contracts';
import { restartWhenCrashedForGood } from '../kafka/consumer-restarts.js';
import { CONSUMER_TIMINGS } from '../kafka/kafka-client.factory.js';
import { RPC_HEADERS, headerValue } from '../kafka/kafka-headers.js';
import { ProduceCoalescer } from '../kafka/produce-coalescer.js';
import { RequestProgress } from './request-progress.js';

export interface BatchRequestServerOptions {
  /** Consumer group: the service's name, shared by its replicas. */
  groupId: string;
  /** Partitions of one topic or of several handled at once. */
  partitionsConsumedConcurrently: number;
  /** How long the broker may hold an idle fetch open (a request arriving ends it at once). */
  maxWaitTimeInMs?: number;
  /** Fetch bounds, so one fetch cannot allocate without limit. */
  maxBytesPerPartition?: number;
  maxBytes?: number;
}

interface Reply {
  topic: string;
  message: Message;
}

/** Requests answered at once before the server stops fetching more (each holds memory and a handler). */
const MAX_IN_FLIGHT = 2_000;
/**
 * Answered requests whose offsets are not committed yet are answered again if this server dies
 * (within their deadline; a write with an Idempotency-Key is still done once).
 */
const COMMIT_INTERVAL_MS = 100;
/** How long close() lets requests in flight finish; their callers' deadlines are usually shorter. */
const CLOSE_WAIT_MS = 10_000;

const NO_HANDLER = 'There is no matching message handler defined in the remote service.';

/**
 * A Nest transport that answers request/reply patterns a batch at a time: every request of a
 * fetched batch goes to its @MessagePattern handler at once (so handlers can coalesce their reads
 * and writes), replies finished in the same tick leave in one produce, and the next fetch does not
 * wait for a slow request (a hire asking other services) to be answered. Offsets are committed
 * as answers leave, never past a request still being answered. It speaks ServerKafka's header
 * protocol, so KafkaRequester (or Nest's ClientKafka) on the other side sees no difference.
 */
export class BatchRequestServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(BatchRequestServer.name);
  private consumer?: Consumer;
  private producer?: Producer;
  /** Replies finished in one tick leave in one produce. */
  private replies?: ProduceCoalescer;
  private closed = false;
  private readonly progress = new RequestProgress(() => this.commitAnswered());
  private commitLoop?: Promise<void>;
  private commitAgain = false;
  private readonly handlerByTopic = new Map<string, ReturnType<Server['getHandlerByPattern']>>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchRequestServerOptions,
  ) {
    super();
  }

  /** Subscribes to every registered pattern (each is a topic) and starts answering. */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops taking requests, lets those in flight be answered (bounded), commits, disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    const consumer = this.consumer;
    if (consumer) {
      try {
        consumer.pause([...this.getHandlers().keys()].map((topic) => ({ topic })));
      } catch {
        // not running (it never joined, or crashed): nothing is being fetched
      }
      await Promise.race([this.progress.idle(), delay(CLOSE_WAIT_MS)]);
      await this.commitLoop;
      await this.commitOnce();
      await consumer.disconnect();
    }
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('BatchRequestServer emits no events');
  }

  unwrap<T>(): T {
    return [this.kafka, this.consumer, this.producer] as T;
  }

  private async start(): Promise<void> {
    this.producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    this.replies = new ProduceCoalescer(this.producer);
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      ...CONSUMER_TIMINGS,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? CONSUMER_TIMINGS.maxWaitTimeInMs,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      maxBytes: this.options.maxBytes,
      allowAutoTopicCreation: false,
    });
    // Partitions another member took are no longer ours to track or commit.
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) =>
      this.progress.keepOnly(payload.memberAssignment),
    );
    restartWhenCrashedForGood(
      this.consumer,
      () => this.consume(),
      this.logger,
      () => this.closed,
    );
    await this.consume();
    this.logger.log(`answering the requests of group ${this.options.groupId}`);
  }

  private async consume(): Promise<void> {
    const consumer = this.consumer!;
    await consumer.connect();
    // A new group must not skip requests sent while it was joining; stale ones carry a deadline
    // that RpcReplyInterceptor enforces, so reading from the beginning never does late work.
    await consumer.subscribe({ topics: [...this.getHandlers().keys()], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /**
   * Starts answering every request of the batch and returns without waiting for the answers, so
   * the next fetch (of this partition or another) is not held up by a slow request; offsets are
   * committed as the answers leave, never past one still being answered.
   */
  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) return;
      if (!this.progress.wasStarted(topic, partition, message.offset)) {
        this.progress.start(
          topic,
          partition,
          message.offset,
          this.answerAndReply(message, topic, partition, heartbeat),
        );
      }
      resolveOffset(message.offset);
    }
    while (this.progress.inFlight > MAX_IN_FLIGHT && isRunning()) {
      await Promise.race([this.progress.idle(), delay(100)]);
      await heartbeat();
    }
  }

  private async answerAndReply(
    message: KafkaMessage,
    topic: string,
    partition: number,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const reply = await this.answer(message, topic, partition, heartbeat);
    if (!reply) return;
    try {
      await this.replies!.send(reply.topic, reply.message);
    } catch (error) {
      // Not rethrown: a redelivered request would do its write again. The caller times out and
      // retries (with its Idempotency-Key); a request retried after its deadline is skipped.
      this.logger.warn(
        `could not send the reply to ${topic}[${partition}] @${message.offset}: ${(error as Error).message}`,
      );
    }
  }

  /**
   * Commits what has been answered, at most every COMMIT_INTERVAL_MS: a commit per answered tick
   * was a third of the server's Kafka requests under load.
   */
  private commitAnswered(): void {
    this.commitAgain = true;
    if (this.commitLoop) return;
    this.commitLoop = (async () => {
      while (this.commitAgain && !this.closed) {
        this.commitAgain = false;
        await this.commitOnce();
        await delay(COMMIT_INTERVAL_MS);
      }
      this.commitLoop = undefined;
    })();
  }

  private async commitOnce(): Promise<void> {
    const offsets = this.progress.takeCommittable();
    if (offsets.length === 0) return;
    try {
      await this.consumer!.commitOffsets(offsets);
    } catch (error) {
      // Put back for the next commit; a partition a rebalance took is answered again by its new reader.
      this.progress.restore(offsets);
      this.logger.debug(`offsets not committed yet: ${(error as Error).message}`);
    }
  }

  /**
   * The handler of a topic, looked up once: Nest's getHandlerByPattern tries JSON.parse on the
   * pattern and catches the SyntaxError, for every message (3 % of the people service's CPU).
   */
  private handlerOf(topic: string) {
    if (!this.handlerByTopic.has(topic)) {
      this.handlerByTopic.set(topic, this.getHandlerByPattern(topic));
    }
    return this.handlerByTopic.get(topic);
  }

  /** Runs one request through its Nest handler (pipes, interceptors, filters) and builds the reply. */
  private async answer(
    message: KafkaMessage,
    topic: string,
    partition: number,
    heartbeat: () => Promise<void>,
  ): Promise<Reply | undefined> {
    const correlationId = headerValue(message.headers, RPC_HEADERS.correlationId);
    const replyTopic = headerValue(message.headers, RPC_HEADERS.replyTopic);
    if (!correlationId || !replyTopic) return undefined; // not a request: nobody waits for an answer
    const replyPartition = Number(headerValue(message.headers, RPC_HEADERS.replyPartition));
    const headers: Record<string, string> = { [RPC_HEADERS.correlationId]: correlationId };
    let value: string | null = null;
    const handler = this.handlerOf(topic);
    if (!handler) {
      headers[RPC_HEADERS.error] = NO_HANDLER;
    } else {
      const context = new KafkaContext([
        message,
        partition,
        topic,
        this.consumer!,
        heartbeat,
        this.producer!,
      ]);
      try {
        const result$ = this.transformToObservable(handler(parseValue(message.value), context));
        value = JSON.stringify((await lastValueFrom(result$, { defaultValue: null })) ?? null);
      } catch (error) {
        headers[RPC_HEADERS.error] = errorText(error);
      }
    }
    return {
      topic: replyTopic,
      message: {
        partition: Number.isInteger(replyPartition) ? replyPartition : undefined,
        value,
        headers,
      },
    };
  }
}

/**
 * The request's JSON value (parsed within the contract's message limits), or why it is unusable as
 * text: the handler's schema rejects that with 400, as it rejects any other bad payload.
 */
function parseValue(value: Buffer | null): unknown {
  const parsed = parseMessageJson(value);
  return 'json' in parsed ? parsed.json : parsed.unreadable;
}

/** What goes in the error header, as ServerKafka writes it: a message, or the error object as JSON. */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'object' ? JSON.stringify(error) : String(error);
}
