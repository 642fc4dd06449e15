import { afterEach, beforeEach, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type {
  ConsumerRunConfig,
  EachMessagePayload,
  IHeaders,
  Kafka,
  KafkaMessage,
  Producer,
  ProducerRecord,
} from 'kafkajs';
import { RPC_HEADERS, headerValue } from '../src/kafka/kafka-headers.js';
import { KafkaRequester } from '../src/rpc/kafka-requester.js';

/** A fake kafkajs for KafkaRequester's unit specs. */
export const REPLY_TOPIC = 'gateway.replies';

/**
 * Fakes of kafka.admin(), kafka.consumer() and the producer. Messages sent to the reply topic
 * (the start-up probe) loop back through the consumer's eachMessage unless `loopback` is off.
 */
export function fakeKafka({ partitions = [0], loopback = true } = {}) {
  let eachMessage: ConsumerRunConfig['eachMessage'];
  const listeners = new Map<string, () => void>();
  const admin = {
    connect: jest.fn(async () => undefined),
    disconnect: jest.fn(async () => undefined),
    fetchTopicMetadata: jest.fn(async (_request: { topics: string[] }) => ({
      topics: [
        { name: REPLY_TOPIC, partitions: partitions.map((partitionId) => ({ partitionId })) },
      ],
    })),
  };
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join' },
    on: jest.fn((event: string, listener: () => void) => {
      listeners.set(event, listener);
      return () => undefined;
    }),
    connect: jest.fn(async () => undefined),
    subscribe: jest.fn(
      async (_subscription: { topic: string; fromBeginning: boolean }) => undefined,
    ),
    run: jest.fn(async (config: ConsumerRunConfig) => {
      eachMessage = config.eachMessage;
    }),
    pause: jest.fn(),
    seek: jest.fn((_position: { topic: string; partition: number; offset: string }) => undefined),
    disconnect: jest.fn(async () => undefined),
  };
  const kafka = { admin: () => admin, consumer: jest.fn(() => consumer) } as unknown as Kafka;

  /** The offset each partition of the reply topic writes next. */
  const written = new Map<number, number>();
  /** Hands one message of the reply topic to the requester, as kafkajs would. */
  const deliver = async (headers: IHeaders, value: string | null, partition = 0) => {
    const offset = written.get(partition) ?? 0;
    written.set(partition, offset + 1);
    const message = {
      key: null,
      value: value === null ? null : Buffer.from(value),
      headers,
      offset: String(offset),
    };
    await eachMessage!({
      topic: REPLY_TOPIC,
      partition,
      message: message as KafkaMessage,
    } as EachMessagePayload);
  };

  const requests: ProducerRecord[] = [];
  let sendError: Error | undefined;
  const send = jest.fn(async (record: ProducerRecord) => {
    if (record.topic === REPLY_TOPIC) {
      if (loopback) {
        for (const m of record.messages)
          await deliver(m.headers ?? {}, String(m.value), m.partition);
      }
      return [];
    }
    requests.push(record);
    if (sendError) throw sendError;
    return [];
  });
  // KafkaRequester gathers a tick's requests into one sendBatch; recorded here one per message.
  const sendBatch = jest.fn(async ({ topicMessages }: { topicMessages: ProducerRecord[] }) => {
    for (const { topic, messages } of topicMessages) {
      for (const message of messages) await send({ topic, messages: [message] });
    }
    return [];
  });
  const producer = { send, sendBatch } as unknown as Producer;

  /** Answers the `index`-th request sent, the way Nest's ServerKafka does. */
  const replyTo = (index: number, value: unknown, extraHeaders: IHeaders = {}) => {
    const id = headerValue(requests[index].messages[0].headers, RPC_HEADERS.correlationId)!;
    return deliver(
      { [RPC_HEADERS.correlationId]: Buffer.from(id), ...extraHeaders },
      value === null ? null : JSON.stringify(value),
    );
  };

  return {
    kafka,
    producer,
    admin,
    consumer,
    send,
    requests,
    deliver,
    replyTo,
    groupJoined: () => listeners.get(consumer.events.GROUP_JOIN)?.(),
    failSends: (error: Error) => {
      sendError = error;
    },
  };
}

/** Lets the requester's gathered sends go out (they leave after the current tick). */
export const flush = () => new Promise((resolve) => setImmediate(resolve));

export const pendingCount = (requester: KafkaRequester) =>
  (requester as unknown as { pending: Map<string, unknown> }).pending.size;

export async function started(options: { partitions?: number[]; timeoutMs?: number } = {}) {
  const fake = fakeKafka({ partitions: options.partitions });
  const requester = new KafkaRequester(fake.kafka, fake.producer, {
    replyTopic: REPLY_TOPIC,
    timeoutMs: options.timeoutMs ?? 1000,
  });
  await requester.start();
  return { fake, requester };
}

/** Fake timers from a fixed date (the requester's timeouts) and a quiet logger, for each test. */
export function useRequesterTestClock(): void {
  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date('2024-11-24T12:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate'],
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
}
