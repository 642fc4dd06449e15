import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
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
import {
  DEADLINE_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  RPC_HEADERS,
  TRACE_HEADER,
  headerValue,
} from '../kafka/kafka-headers.js';
import { KafkaRequester } from './kafka-requester.js';
import { DependencyUnavailableError, RpcFailure } from '#core';

const REPLY_TOPIC = 'gateway.replies';

/**
 * Fakes of kafka.admin(), kafka.consumer() and the producer. Messages sent to the reply topic
 * (the start-up probe) loop back through the consumer's eachMessage unless `loopback` is off.
 */
function fakeKafka({ partitions = [0], loopback = true } = {}) {
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
    disconnect: jest.fn(async () => undefined),
  };
  const kafka = { admin: () => admin, consumer: jest.fn(() => consumer) } as unknown as Kafka;

  /** Hands one message of the reply topic to the requester, as kafkajs would. */
  const deliver = async (headers: IHeaders, value: string | null, partition = 0) => {
    const message = {
      key: null,
      value: value === null ? null : Buffer.from(value),
      headers,
      offset: '0',
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
const flush = () => new Promise((resolve) => setImmediate(resolve));

const pendingCount = (requester: KafkaRequester) =>
  (requester as unknown as { pending: Map<string, unknown> }).pending.size;

async function started(options: { partitions?: number[]; timeoutMs?: number } = {}) {
  const fake = fakeKafka({ partitions: options.partitions });
  const requester = new KafkaRequester(fake.kafka, fake.producer, {
    replyTopic: REPLY_TOPIC,
    timeoutMs: options.timeoutMs ?? 1000,
  });
  await requester.start();
  return { fake, requester };
}

describe(KafkaRequester.name, () => {
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

  describe('start', () => {
    it('reads one partition of the reply topic, pauses the others, and proves replies arrive', async () => {
      const { fake, requester } = await started({ partitions: [0, 1, 2, 3] });

      expect(fake.admin.fetchTopicMetadata).toHaveBeenCalledWith({ topics: [REPLY_TOPIC] });
      expect(fake.admin.disconnect).toHaveBeenCalled();
      expect(fake.consumer.subscribe).toHaveBeenCalledWith({
        topic: REPLY_TOPIC,
        fromBeginning: false,
      });
      const probe = fake.send.mock.calls.find(([r]) => r.topic === REPLY_TOPIC)![0];
      const chosen = probe.messages[0].partition!;
      expect([0, 1, 2, 3]).toContain(chosen);

      fake.groupJoined();
      expect(fake.consumer.pause).toHaveBeenCalledWith([
        { topic: REPLY_TOPIC, partitions: [0, 1, 2, 3].filter((p) => p !== chosen) },
      ]);

      void requester.request('people.get', { id: 'p1' }).catch(() => undefined);
      await flush();
      expect(headerValue(fake.requests[0].messages[0].headers, RPC_HEADERS.replyPartition)).toBe(
        String(chosen),
      );
      expect(pendingCount(requester)).toBe(1);
      await requester.stop();
    });

    it('pauses nothing when the reply topic has a single partition', async () => {
      const { fake } = await started({ partitions: [0] });
      fake.groupJoined();
      expect(fake.consumer.pause).not.toHaveBeenCalled();
    });

    it('fails when its probe never comes back', async () => {
      const fake = fakeKafka({ loopback: false });
      const requester = new KafkaRequester(fake.kafka, fake.producer, {
        replyTopic: REPLY_TOPIC,
        timeoutMs: 1000,
        readyTimeoutMs: 2500,
      });
      const assertion = expect(requester.start()).rejects.toThrow(/did not arrive/);
      await jest.advanceTimersByTimeAsync(3000);
      await assertion;
      expect(fake.send.mock.calls.filter(([r]) => r.topic === REPLY_TOPIC)).toHaveLength(3);
    });
  });

  describe('request', () => {
    it('sends the payload with the reply protocol headers', async () => {
      const { fake, requester } = await started({ timeoutMs: 1500 });
      const reply = requester.request(
        'people.create',
        { fullName: 'Ada' },
        { correlationId: 'trace-1', key: 'k' },
      );
      await flush();

      expect(fake.requests).toHaveLength(1);
      const { topic, messages } = fake.requests[0];
      expect(topic).toBe('people.create');
      expect(messages[0].key).toBe('k');
      expect(JSON.parse(String(messages[0].value))).toEqual({ fullName: 'Ada' });
      const headers = messages[0].headers;
      expect(headerValue(headers, RPC_HEADERS.correlationId)).toMatch(/^[0-9a-f-]{36}$/);
      expect(headerValue(headers, RPC_HEADERS.replyTopic)).toBe(REPLY_TOPIC);
      expect(headerValue(headers, DEADLINE_HEADER)).toBe(String(Date.now() + 1500 - 375));
      expect(headerValue(headers, TRACE_HEADER)).toBe('trace-1');

      await fake.replyTo(0, { ok: true, data: { id: 'p1' } });
      await expect(reply).resolves.toEqual({ id: 'p1' });
    });

    it('resolves each request with the reply of matching correlation id', async () => {
      const { fake, requester } = await started();
      const first = requester.request('people.get', { id: '1' });
      await flush();
      const second = requester.request('people.get', { id: '2' });
      await flush();

      await fake.replyTo(1, { ok: true, data: 'two' });
      await fake.replyTo(0, { ok: true, data: 'one' });

      await expect(first).resolves.toBe('one');
      await expect(second).resolves.toBe('two');
      expect(pendingCount(requester)).toBe(0);
    });

    it('ignores replies for unknown correlation ids and bare disposed markers', async () => {
      const { fake, requester } = await started();
      const reply = requester.request('people.get', { id: '1' });
      await flush();

      await fake.deliver(
        { [RPC_HEADERS.correlationId]: Buffer.from('someone-else') },
        '{"ok":true,"data":1}',
      );
      await fake.deliver({}, '{"ok":true,"data":1}');
      await fake.replyTo(0, null, { [RPC_HEADERS.disposed]: Buffer.from('1') });
      expect(pendingCount(requester)).toBe(1);

      await fake.replyTo(0, { ok: true, data: 2 });
      await expect(reply).resolves.toBe(2);
    });

    it('throws an RpcFailure carrying the error of an error reply', async () => {
      const { fake, requester } = await started();
      const reply = requester.request('people.get', { id: '1' });
      await flush();
      const error = {
        status: 404,
        code: 'NOT_FOUND',
        title: 'Not Found',
        detail: 'person 1 does not exist',
      };

      await fake.replyTo(0, { ok: false, error });

      await expect(reply).rejects.toBeInstanceOf(RpcFailure);
      await expect(reply).rejects.toMatchObject({ error });
    });

    it('throws a 500 RpcFailure when Nest replies with its error header', async () => {
      const { fake, requester } = await started();
      const reply = requester.request('people.get', { id: '1' });
      await flush();

      await fake.replyTo(0, null, {
        [RPC_HEADERS.error]: Buffer.from('There is no matching message handler'),
      });

      await expect(reply).rejects.toMatchObject({
        name: 'RpcFailure',
        error: { status: 500, code: 'INTERNAL', detail: 'There is no matching message handler' },
      });
    });

    it('throws DependencyUnavailableError when no reply comes in time, and forgets the request', async () => {
      const { fake, requester } = await started({ timeoutMs: 1000 });
      const reply = requester.request('people.get', { id: '1' });
      await flush();
      const assertion = expect(reply).rejects.toThrow(
        new DependencyUnavailableError('no reply to people.get within 1000 ms'),
      );

      await jest.advanceTimersByTimeAsync(999);
      expect(pendingCount(requester)).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      await assertion;
      await expect(reply).rejects.toBeInstanceOf(DependencyUnavailableError);
      expect(pendingCount(requester)).toBe(0);

      await expect(fake.replyTo(0, { ok: true, data: 'late' })).resolves.toBeUndefined();
    });

    it('uses a per-request timeout when given one', async () => {
      const { requester } = await started({ timeoutMs: 10_000 });
      const reply = requester.request('people.get', {}, { timeoutMs: 200 });
      await flush();
      const assertion = expect(reply).rejects.toBeInstanceOf(DependencyUnavailableError);
      await jest.advanceTimersByTimeAsync(200);
      await assertion;
    });

    it("waits no longer than the original caller's deadline, and passes that deadline on", async () => {
      const { fake, requester } = await started({ timeoutMs: 2000 });
      const deadline = Date.now() + 700;
      const reply = requester.request('people.find-by-ids', { ids: [] }, { deadline });
      await flush();
      const assertion = expect(reply).rejects.toThrow(
        new DependencyUnavailableError('no reply to people.find-by-ids within 700 ms'),
      );
      // 700 ms left: the server must be done 175 ms (a quarter) before, for its reply to arrive.
      expect(headerValue(fake.requests[0].messages[0].headers, DEADLINE_HEADER)).toBe(
        String(deadline - 175),
      );
      await jest.advanceTimersByTimeAsync(700);
      await assertion;
    });

    it('keeps its own timeout when the caller has more time left', async () => {
      const { fake, requester } = await started({ timeoutMs: 2000 });
      void requester.request('people.get', {}, { deadline: Date.now() + 60_000 }).catch(() => {});
      await flush();
      expect(headerValue(fake.requests[0].messages[0].headers, DEADLINE_HEADER)).toBe(
        String(Date.now() + 2000 - 500),
      );
      await jest.advanceTimersByTimeAsync(2000);
    });

    it('sends nothing when the caller has already given up', async () => {
      const { fake, requester } = await started();
      await expect(
        requester.request('people.get', {}, { deadline: Date.now() - 1 }),
      ).rejects.toBeInstanceOf(DependencyUnavailableError);
      expect(fake.requests).toHaveLength(0);
    });

    it('passes the Idempotency-Key on as a header', async () => {
      const { fake, requester } = await started();
      void requester.request('people.create', {}, { idempotencyKey: 'k-1' }).catch(() => {});
      await flush();
      expect(headerValue(fake.requests[0].messages[0].headers, IDEMPOTENCY_KEY_HEADER)).toBe('k-1');
      await jest.advanceTimersByTimeAsync(1000);
    });

    it('throws DependencyUnavailableError at once when the producer cannot send', async () => {
      const { fake, requester } = await started({ timeoutMs: 60_000 });
      fake.failSends(new Error('broker down'));
      const timersBefore = jest.getTimerCount();

      await expect(requester.request('people.get', {})).rejects.toThrow(
        new DependencyUnavailableError('could not send people.get: broker down'),
      );
      expect(pendingCount(requester)).toBe(0);
      expect(jest.getTimerCount()).toBe(timersBefore); // its timeout timer was cleared
    });
  });
});
