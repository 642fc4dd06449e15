import { Logger } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { ERROR_CODES, parseRpcReply, type RpcReply } from '#contracts';
import {
  DEADLINE_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  RPC_HEADERS,
  TRACE_HEADER,
  TRACEPARENT_HEADER,
  headerValue,
} from '../kafka/kafka-headers.js';
import { CONSUMER_RETRY, restartAfterCrash } from '../kafka/consumer-restarts.js';
import { CONSUMER_TIMINGS } from '../kafka/kafka-client.factory.js';
import { ProduceCoalescer } from '../kafka/produce-coalescer.js';
import type { ConsumerReadiness } from '../health/consumer-readiness.js';
import { DependencyUnavailableError, RpcFailure, phasesWatched, reportPhase, since } from '#core';
import {
  SpanKind,
  activeTraceparent,
  currentLogContext,
  inSpan,
  requestMetricsEnabled,
  secondsSince,
  traceparentOf,
} from '#observability';
import { replyOutcome, rpcClientDuration, type RpcOutcome } from '../metrics/messaging-metrics.js';

const REPLY_ALLOWANCE_MS = 500;

interface Pending {
  resolve: (reply: RpcReply<unknown>) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface KafkaRequesterOptions {
  replyTopic: string;
  timeoutMs: number;
  /** How long start() may take to prove replies reach this instance. */
  readyTimeoutMs?: number;
  /** Told when the reply consumer joins or leaves its group (for GET /health/ready). */
  readiness?: ConsumerReadiness;
}

export interface RequestOptions {
  correlationId?: string | null;
  key?: string;
  timeoutMs?: number;
  /** The original caller's deadline (epoch ms): the request waits no longer and passes it on. */
  deadline?: number;
  idempotencyKey?: string;
}

/**
 * Request/reply over Kafka, speaking the protocol of Nest's ServerKafka.
 * Each instance reads one partition of the shared reply topic through its own consumer group
 * (all other partitions paused), so replies reach the replica that asked however many replicas
 * come and go: there is no group-wide reply-partition assignment to get wrong.
 */
export class KafkaRequester {
  private readonly logger = new Logger(KafkaRequester.name);
  private readonly pending = new Map<string, Pending>();
  private readonly instanceId = randomUUID();
  private consumer?: Consumer;
  private replyPartition = 0;
  /**
   * The offset of the last reply read on our partition. The reply group commits nothing, so a
   * consumer kafkajs restarts (after a crash: every broker outage) would start at the newest reply
   * and skip the ones written while it rejoined; it is sent back to the one after this instead.
   */
  private lastReplyOffset?: string;
  private stopped = false;
  private readonly outgoing: ProduceCoalescer;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly options: KafkaRequesterOptions,
  ) {
    this.outgoing = new ProduceCoalescer(producer);
  }

  /** Joins the reply topic and resolves once a probe sent to itself came back. */
  async start(): Promise<void> {
    const { replyTopic } = this.options;
    const admin = this.kafka.admin();
    await admin.connect();
    const meta = await admin
      .fetchTopicMetadata({ topics: [replyTopic] })
      .finally(() => admin.disconnect());
    const partitions = meta.topics[0].partitions.map((p) => p.partitionId);
    this.replyPartition = partitions[randomInt(partitions.length)];
    const others = partitions.filter((p) => p !== this.replyPartition);

    this.consumer = this.kafka.consumer({
      groupId: `${replyTopic}.${this.instanceId}`,
      ...CONSUMER_TIMINGS,
      retry: CONSUMER_RETRY,
    });
    const consumer = this.consumer;
    this.options.readiness?.watch(`${replyTopic}.${this.instanceId}`, consumer);
    // Pausing and seeking need a joined group, and kafkajs forgets both when it restarts a
    // crashed consumer. The seek is applied before the next fetch (an in-memory position: the
    // group commits nothing), so replies written while the consumer was away are read, not lost.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (others.length) consumer.pause([{ topic: replyTopic, partitions: others }]);
      if (this.lastReplyOffset !== undefined) {
        consumer.seek({
          topic: replyTopic,
          partition: this.replyPartition,
          offset: nextOffset(this.lastReplyOffset),
        });
      }
    });
    const consume = async () => {
      await consumer.connect();
      await consumer.subscribe({ topic: replyTopic, fromBeginning: false });
      await consumer.run({ autoCommit: false, eachMessage: (p) => this.onReply(p) });
    };
    restartAfterCrash(consumer, consume, this.logger, () => this.stopped);
    await consume();
    await this.probe();
    this.logger.log(`replies on ${replyTopic}[${this.replyPartition}] ready`);
  }

  /** Sends `payload` to `pattern` and resolves with the reply's data; throws RpcFailure or DependencyUnavailableError. */
  async request<T>(pattern: string, payload: unknown, options: RequestOptions = {}): Promise<T> {
    const started = performance.now();
    let outcome: RpcOutcome = 'unavailable';
    try {
      const reply = await inSpan(`request ${pattern}`, requestSpan(pattern), () =>
        this.exchange(pattern, payload, options),
      );
      outcome = replyOutcome(reply);
      if (!reply.ok) throw new RpcFailure(reply.error);
      return reply.data as T;
    } catch (error) {
      if (error instanceof NoReplyInTime) outcome = 'timeout';
      throw error;
    } finally {
      if (requestMetricsEnabled()) {
        rpcClientDuration.observe({ rpc_method: pattern, outcome }, secondsSince(started));
      }
      if (phasesWatched()) reportPhase(`request ${pattern}`, since(started));
    }
  }

  /** Fails the requests still waiting (503 to their callers) and leaves the reply topic. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new DependencyUnavailableError('shutting down before the reply came'));
    }
    await this.consumer?.disconnect();
  }

  private exchange(
    pattern: string,
    payload: unknown,
    options: RequestOptions,
  ): Promise<RpcReply<unknown>> {
    const correlationId = randomUUID();
    const ownTimeout = options.timeoutMs ?? this.options.timeoutMs;
    const timeoutMs =
      options.deadline === undefined
        ? ownTimeout
        : Math.min(ownTimeout, options.deadline - Date.now());
    if (timeoutMs <= 0) {
      return Promise.reject(
        new NoReplyInTime(`no time left to ask ${pattern}: the caller gave up`),
      );
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new NoReplyInTime(`no reply to ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(correlationId, { resolve, reject, timer });
      const headers: Record<string, string> = {
        [RPC_HEADERS.correlationId]: correlationId,
        [RPC_HEADERS.replyTopic]: this.options.replyTopic,
        [RPC_HEADERS.replyPartition]: String(this.replyPartition),
        // The server must be done a little before we give up, so its answer can still reach us.
        [DEADLINE_HEADER]: String(Date.now() + timeoutMs - replyAllowance(timeoutMs)),
      };
      // The request at hand's correlation and trace go along, so the server's lines carry them too.
      const log = currentLogContext();
      const correlation = options.correlationId ?? log?.correlationId;
      if (correlation) headers[TRACE_HEADER] = correlation;
      const traceparent = activeTraceparent() ?? (log && traceparentOf(log.traceId));
      if (traceparent) headers[TRACEPARENT_HEADER] = traceparent;
      if (options.idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = options.idempotencyKey;
      this.outgoing
        .send(pattern, { key: options.key, value: JSON.stringify(payload), headers })
        .catch((error: Error) => {
          if (!this.pending.delete(correlationId)) return;
          clearTimeout(timer);
          reject(new DependencyUnavailableError(`could not send ${pattern}: ${error.message}`));
        });
    });
  }

  private async onReply({ partition, message }: EachMessagePayload): Promise<void> {
    if (partition === this.replyPartition) this.lastReplyOffset = message.offset; // no work per reply
    const id = headerValue(message.headers, RPC_HEADERS.correlationId);
    const pending = id ? this.pending.get(id) : undefined;
    if (!id || !pending) return; // another replica's reply on a shared partition, or too late
    const error = headerValue(message.headers, RPC_HEADERS.error);
    if (!message.value && !error) return; // a bare "disposed" marker
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(error ? internalError(error) : parseReply(message.value!));
  }

  private async probe(): Promise<void> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      const id = `probe-${randomUUID()}`;
      let timer!: NodeJS.Timeout;
      const arrived = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => this.pending.delete(id) && resolve(false), 1000);
        this.pending.set(id, { resolve: () => resolve(true), reject: () => resolve(false), timer });
      });
      await this.producer.send({
        topic: this.options.replyTopic,
        messages: [
          {
            partition: this.replyPartition,
            value: '{"ok":true,"data":null}',
            headers: { [RPC_HEADERS.correlationId]: id },
          },
        ],
      });
      if (await arrived) return;
    }
    throw new Error(`replies on ${this.options.replyTopic} did not arrive; is the broker healthy?`);
  }
}

/** The client span of one request: the callee's consumer span is its child. */
function requestSpan(pattern: string) {
  return {
    kind: SpanKind.CLIENT,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': pattern,
    },
  };
}

/** A call that ran out of time (503 to the caller, like any unavailable dependency; `timeout` in metrics). */
class NoReplyInTime extends DependencyUnavailableError {}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** Time kept between the deadline a server gets and our own timeout, for its reply to travel. */
function replyAllowance(timeoutMs: number): number {
  return Math.min(REPLY_ALLOWANCE_MS, Math.floor(timeoutMs / 4));
}

/** A reply is checked like any message: bounded size, the RpcReply shape, else an internal error. */
function parseReply(value: Buffer): RpcReply<unknown> {
  return parseRpcReply(value) ?? internalError(`unreadable reply of ${value.length} bytes`);
}

function internalError(detail: string): RpcReply<never> {
  return {
    ok: false,
    error: { status: 500, code: ERROR_CODES.internal, title: 'Internal Server Error', detail },
  };
}
