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
import { lastValueFrom } from 'rxjs';
import { parseMessageJson } from '#contracts';
import { restartWhenCrashedForGood } from '../kafka/consumer-restarts.js';
import { RPC_HEADERS, headerValue } from '../kafka/kafka-headers.js';

export interface BatchRequestServerOptions {
  /** Consumer group: the service's name, shared by its replicas. */
  groupId: string;
  /** Partitions of one topic or of several handled at once. */
  partitionsConsumedConcurrently: number;
  /** How long the broker may hold a fetch open waiting for requests; short keeps latency low. */
  maxWaitTimeInMs?: number;
  /** Fetch bounds, so one fetch cannot allocate without limit. */
  maxBytesPerPartition?: number;
  maxBytes?: number;
}

interface Reply {
  topic: string;
  message: Message;
}

const NO_HANDLER = 'There is no matching message handler defined in the remote service.';

/**
 * A Nest transport that answers request/reply patterns a batch at a time: every request of a
 * fetched batch goes to its @MessagePattern handler at once (so handlers can coalesce their reads),
 * and all the batch's replies leave in one produce. It speaks ServerKafka's header protocol, so
 * KafkaRequester (or Nest's ClientKafka) on the other side sees no difference.
 */
export class BatchRequestServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(BatchRequestServer.name);
  private consumer?: Consumer;
  private producer?: Producer;
  private closed = false;

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

  async close(): Promise<void> {
    this.closed = true;
    await this.consumer?.disconnect();
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
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 250,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      maxBytes: this.options.maxBytes,
      allowAutoTopicCreation: false,
    });
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
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private async onBatch({ batch, heartbeat }: EachBatchPayload): Promise<void> {
    const answers = await Promise.all(
      batch.messages.map((m) => this.answer(m, batch.topic, batch.partition, heartbeat)),
    );
    const byTopic = new Map<string, Message[]>();
    for (const reply of answers) {
      if (!reply) continue;
      const messages = byTopic.get(reply.topic) ?? [];
      messages.push(reply.message);
      byTopic.set(reply.topic, messages);
    }
    if (byTopic.size === 0) return;
    try {
      await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      // Not rethrown: a redelivered batch would do its writes again. The callers time out and
      // retry (with their Idempotency-Key); a request retried after its deadline is skipped.
      this.logger.warn(
        `could not send ${answers.length} replies for ${batch.topic}[${batch.partition}]: ${(error as Error).message}`,
      );
    }
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
    const handler = this.getHandlerByPattern(topic);
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
