import { Logger, type Type } from '@nestjs/common';
import { KafkaContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { Partitioners, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { MAX_MESSAGE_BYTES, PARTITIONS, parseMessageJson } from '#contracts';
import { DeadLetterQueue } from '../consumer/dead-letter-queue.js';
import { ProduceCoalescer } from '../kafka/produce-coalescer.js';
import { createWholeSendProducer } from '../kafka/whole-send-producer.js';
import { failureReply } from '../rpc/rpc-reply.js';
import { ConsumerEngine, type ConsumerEngineOptions } from './consumer-engine.js';
import { deadLetterPoison } from './middleware/dead-letter-poison.js';
import { enterRequestLogContext, enterSliceLogContext } from './middleware/enter-log-context.js';
import { measureRequests } from './middleware/measure-requests.js';
import { parseOrDeadLetter } from './middleware/parse-or-dead-letter.js';
import { replyToCaller } from './middleware/reply-to-caller.js';
import { retryTransient } from './middleware/retry-transient.js';
import { skipExpired } from './middleware/skip-expired.js';
import { traceRequests, traceSlice } from './middleware/trace-messages.js';
import { compose, pipeline, type SliceHandler } from './pipeline.js';
import type { RequestHandler } from './request-pipeline.js';
import { patternHandlers } from './request-handlers.js';
import type { AppRoutes, EventRoute, RequestRoutes } from './routes.js';

/**
 * Watermill's Router as a Nest transport: every route of an app's table gets one ConsumerEngine,
 * and everything that is not a handler's business is middleware, composed here in the order a
 * message meets it.
 */
export class MessageRouter extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(MessageRouter.name);
  private readonly engines: ConsumerEngine[] = [];
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly routes: AppRoutes,
    private readonly resolve: <T>(type: Type<T>) => T,
    /** Engine settings every route shares; `readiness` is told of each group join and leave. */
    private readonly engineOptions: Pick<
      ConsumerEngineOptions,
      'commitIntervalMs' | 'readiness'
    > = {},
  ) {
    super();
  }

  /** True once every consumer of the app joined its group. */
  allJoined(): boolean {
    return this.engines.length > 0 && this.engines.every((engine) => engine.hasJoined);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.producer = createWholeSendProducer(this.kafka, {
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.producer.connect();
      if (this.routes.requests) this.engines.push(this.requestEngine(this.routes.requests));
      for (const route of this.routes.events ?? []) this.engines.push(this.eventEngine(route));
      await Promise.all(this.engines.map((engine) => engine.start()));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops every engine (each lets its messages in flight finish and commits), then the producer. */
  async close(): Promise<void> {
    await Promise.all(this.engines.map((engine) => engine.stop()));
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('MessageRouter emits no events');
  }

  unwrap<T>(): T {
    return [this.kafka, this.producer] as T;
  }

  /** Request/reply: reply to the caller ← trace ← log context ← measure ← skip what expired ← the handler's method. */
  private requestEngine(routes: RequestRoutes): ConsumerEngine {
    const replies = new ProduceCoalescer(this.producer!);
    const answer = compose(
      [
        traceRequests(),
        enterRequestLogContext(),
        measureRequests(this.logger),
        skipExpired(this.logger),
      ],
      this.callHandlerMethods(routes),
    );
    return new ConsumerEngine(this.kafka, {
      ...this.engineOptions,
      groupId: routes.group,
      topics: [...routes.topics],
      // A new group must not skip requests sent while it was joining; stale ones have expired.
      fromBeginning: true,
      mode: 'concurrent',
      handle: replyToCaller(replies, this.logger)(answer),
      partitionsConsumedConcurrently: PARTITIONS.requests,
      // Bounded fetches: requests are small (the gateway caps bodies at 64 KiB).
      maxBytesPerPartition: MAX_MESSAGE_BYTES,
      maxBytes: 8 * MAX_MESSAGE_BYTES,
    });
  }

  /** Events: trace ← log context ← dead-letter the poison ← retry what is transient ← parse or dead-letter ← the handler. */
  private eventEngine<T>(route: EventRoute<T>): ConsumerEngine {
    const dlq = new DeadLetterQueue(this.producer!, route.deadLetterTopic);
    const logger = new Logger(`${MessageRouter.name}:${route.group}`);
    const handler = this.resolve(route.handler);
    const handle: SliceHandler = pipeline(
      [traceSlice(), enterSliceLogContext(), deadLetterPoison(dlq, logger), retryTransient(logger)],
      parseOrDeadLetter(dlq, route.parse),
      (messages, context) => handler.handle(messages, context),
    );
    return new ConsumerEngine(this.kafka, {
      ...this.engineOptions,
      groupId: route.group,
      topics: [...route.topics],
      fromBeginning: route.fromBeginning,
      mode: 'in-order',
      handle,
      lookAhead: handler.lookAhead && ((messages) => handler.lookAhead!(readable(messages, route))),
      sliceSize: route.sliceSize,
    });
  }

  /**
   * Calls each request's `@MessagePattern` method of the route's handler class (no Nest pipeline
   * around it): a result is answered `{ok: true, data}`, a thrown error the reply failureReply maps.
   */
  private callHandlerMethods(routes: RequestRoutes): RequestHandler {
    const handlers = patternHandlers(
      this.resolve(routes.handlers),
      routes.topics,
      this.getHandlers().keys(),
    );
    return async (message, context) => {
      const kafkaContext = new KafkaContext([
        message,
        context.partition,
        context.topic,
        undefined as never,
        context.heartbeat,
        this.producer!,
      ]);
      try {
        const data = await handlers.get(context.topic)!(jsonOf(message.value), kafkaContext);
        return { ok: true, data: data ?? null };
      } catch (error) {
        return failureReply(error, context.topic, this.logger);
      }
    };
  }
}

/** The values of the messages `route` can read (the others are dead-lettered in their turn). */
function readable<T>(messages: KafkaMessage[], route: EventRoute<T>): T[] {
  return messages.flatMap((message) => {
    const parsed = route.parse(message);
    return 'value' in parsed ? [parsed.value] : [];
  });
}

/**
 * The request's JSON value (parsed within the contract's message limits), or why it is unusable as
 * text: the handler's schema rejects that with 400, as it rejects any other bad payload.
 */
function jsonOf(value: Buffer | null): unknown {
  const parsed = parseMessageJson(value);
  return 'json' in parsed ? parsed.json : parsed.unreadable;
}
