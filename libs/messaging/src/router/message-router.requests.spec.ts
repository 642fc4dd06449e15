import { describe, expect, it, jest } from '@jest/globals';
import { Logger, type Type } from '@nestjs/common';
import { MessagePattern, type KafkaContext } from '@nestjs/microservices';
import type { ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { ContractValidationError } from '#contracts';
import { DependencyUnavailableError, RpcFailure } from '#core';
import { RPC_HEADERS } from '../kafka/kafka-headers.js';
import { MessageRouter } from './message-router.js';

const request = (offset: number, value: unknown, headers: Record<string, string>) =>
  ({
    key: null,
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers,
    offset: String(offset),
  }) as unknown as KafkaMessage;
const asking = (id: string, partition = 3) => ({
  [RPC_HEADERS.correlationId]: id,
  [RPC_HEADERS.replyTopic]: 'gateway.replies',
  [RPC_HEADERS.replyPartition]: String(partition),
});

type Handler = (data: unknown, ctx: KafkaContext) => unknown;

/** A handler class whose methods answer `handlers`' patterns, each with its @MessagePattern. */
function handlerClass(handlers: Record<string, Handler>): Type<object> {
  class Handlers {}
  for (const [pattern, handler] of Object.entries(handlers)) {
    Object.defineProperty(Handlers.prototype, pattern, { value: handler, configurable: true });
    MessagePattern(pattern)(Handlers.prototype, pattern, { value: handler });
  }
  return Handlers;
}

/** kafkajs clients that record what the router asks of them (`mocks`). */
function fakeKafka() {
  const mocks = {
    runConfig: undefined as ConsumerRunConfig | undefined,
    sendBatch: jest.fn(async (_batch: any) => []),
    subscribe: jest.fn(async (_s: unknown) => undefined),
    commitOffsets: jest.fn(async (_offsets: unknown) => undefined),
    disconnect: jest.fn(async () => undefined),
  };
  const { sendBatch, subscribe, commitOffsets, disconnect } = mocks;
  const kafka = {
    producer: () => ({ connect: async () => undefined, sendBatch, disconnect }),
    consumer: () => ({
      events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
      on: () => () => undefined,
      connect: async () => undefined,
      subscribe,
      commitOffsets,
      pause: () => undefined,
      disconnect,
      run: async (config: ConsumerRunConfig) => {
        mocks.runConfig = config;
      },
    }),
  };
  return Object.assign(kafka as unknown as Kafka, { mocks });
}

/** A server on fake kafkajs clients, routing `handlers`' patterns to a class of @MessagePattern methods. */
async function serve(handlers: Record<string, Handler>) {
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  const kafka = fakeKafka();
  const { sendBatch, subscribe, commitOffsets } = kafka.mocks;
  const server = new MessageRouter(
    kafka,
    {
      requests: {
        group: 'people',
        topics: Object.keys(handlers) as never,
        handlers: handlerClass(handlers),
      },
    },
    (type) => new type(),
  );
  await new Promise<void>((resolve, reject) =>
    server.listen((error) => (error ? reject(error) : resolve())),
  );
  const resolved: string[] = [];
  const deliver = (topic: string, messages: KafkaMessage[]) =>
    kafka.mocks.runConfig!.eachBatch!({
      batch: { topic, partition: 0, messages },
      resolveOffset: (offset: string) => resolved.push(offset),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);
  /** Resolves once `n` produces of replies were made. */
  const replied = (n = 1) => until(() => sendBatch.mock.calls.length >= n);
  const { runConfig } = kafka.mocks;
  return { server, deliver, replied, sendBatch, subscribe, commitOffsets, resolved, runConfig };
}

/** Resolves when `condition` holds, polling each turn of the event loop; fails after 2 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A handler result the test settles. */
function later() {
  let finish!: (value: unknown) => void;
  const promise = new Promise((resolve) => (finish = resolve));
  return { promise, finish };
}

describe(`${MessageRouter.name} (request routes)`, () => {
  it('subscribes to every pattern and answers a whole batch with one produce', async () => {
    const seen: unknown[] = [];
    const { deliver, replied, sendBatch, subscribe } = await serve({
      'people.get': async (data) => {
        seen.push(data);
        return data;
      },
      'people.list': () => [],
    });
    expect(subscribe).toHaveBeenCalledWith({
      topics: ['people.get', 'people.list'],
      fromBeginning: true,
    });

    await deliver('people.get', [
      request(0, { id: 'a' }, asking('c1', 3)),
      request(1, { id: 'b' }, asking('c2', 7)),
    ]);
    await replied();

    expect(seen).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(sendBatch).toHaveBeenCalledTimes(1);
    const [{ topicMessages }] = sendBatch.mock.calls[0];
    expect(topicMessages).toEqual([
      {
        topic: 'gateway.replies',
        messages: [
          {
            partition: 3,
            value: '{"ok":true,"data":{"id":"a"}}',
            headers: { [RPC_HEADERS.correlationId]: 'c1' },
          },
          {
            partition: 7,
            value: '{"ok":true,"data":{"id":"b"}}',
            headers: { [RPC_HEADERS.correlationId]: 'c2' },
          },
        ],
      },
    ]);
  });

  it("gives the handler the request's headers through KafkaContext", async () => {
    let deadline: unknown;
    const ahead = String(Date.now() + 60_000);
    const { deliver, replied } = await serve({
      'people.create': (_data, ctx) => {
        deadline = ctx.getMessage().headers?.['request-deadline'];
        return null;
      },
    });
    await deliver('people.create', [
      request(0, {}, { ...asking('c1'), 'request-deadline': ahead }),
    ]);
    await replied();
    expect(String(deadline)).toBe(ahead);
  });

  it('answers what a handler throws with the reply it maps to, and skips messages nobody waits for', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const thrown: Record<string, unknown> = {
      missing: RpcFailure.notFound('person', 'p1'),
      invalid: new ContractValidationError(['fullName: must not be empty']),
      databaseDown: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      peopleSilent: new DependencyUnavailableError('people did not answer'),
      bug: new Error('password=hunter2 at db:5432'),
    };
    const { deliver, replied, sendBatch } = await serve({
      'people.get': (data) => {
        const { kind } = data as { kind: string };
        if (kind === 'nothing') return undefined;
        throw thrown[kind];
      },
    });
    const kinds = [...Object.keys(thrown), 'nothing'];
    await deliver('people.get', [
      ...kinds.map((kind, n) => request(n, { kind }, asking(kind))),
      request(kinds.length, { kind: 'bug' }, {}),
    ]);
    await replied();
    const [{ topicMessages }] = sendBatch.mock.calls[0];
    const replies = Object.fromEntries(
      topicMessages[0].messages.map((m: any) => [
        m.headers[RPC_HEADERS.correlationId],
        JSON.parse(m.value),
      ]),
    );
    const failure = (status: number, code: string) =>
      expect.objectContaining({ ok: false, error: expect.objectContaining({ status, code }) });
    expect(replies).toEqual({
      missing: { ok: false, error: RpcFailure.notFound('person', 'p1').error },
      invalid: failure(400, 'VALIDATION_FAILED'),
      databaseDown: failure(503, 'DEPENDENCY_UNAVAILABLE'),
      peopleSilent: {
        ok: false,
        error: new DependencyUnavailableError('people did not answer').error,
      },
      bug: failure(500, 'INTERNAL'),
      nothing: { ok: true, data: null },
    });
    expect(JSON.stringify(replies)).not.toContain('hunter2');
    expect(logError).toHaveBeenCalledWith(
      'handler for people.get failed',
      expect.stringContaining('hunter2'),
    );
  });

  it('reads on while a slow request is answered: the next batch is answered first', async () => {
    const slow = later();
    const { deliver, replied, sendBatch, runConfig } = await serve({
      'people.create': () => slow.promise,
      'people.get': (data) => data,
    });
    expect(runConfig).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
    await deliver('people.create', [request(0, {}, asking('slow'))]); // returns at once
    await deliver('people.get', [request(0, { id: 'a' }, asking('fast'))]);
    await replied(1);
    const ids = (call: number) =>
      sendBatch.mock.calls[call][0].topicMessages[0].messages.map(
        (m: any) => m.headers[RPC_HEADERS.correlationId],
      );
    expect(ids(0)).toEqual(['fast']);
    slow.finish({ id: 'made' });
    await replied(2);
    expect(ids(1)).toEqual(['slow']);
  });

  it('commits a partition only up to its first request not yet answered', async () => {
    const first = later();
    const { deliver, replied, commitOffsets, resolved } = await serve({
      'people.create': (data: any) => (data.n === 0 ? first.promise : data),
    });
    await deliver('people.create', [
      request(10, { n: 0 }, asking('a')),
      request(11, { n: 1 }, asking('b')),
      request(12, { n: 2 }, asking('c')),
    ]);
    expect(resolved).toEqual(['10', '11', '12']); // the fetch position moves on at once
    await replied(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(commitOffsets).not.toHaveBeenCalled(); // 11 and 12 answered, 10 not yet
    first.finish(null);
    await until(() => commitOffsets.mock.calls.length > 0);
    expect(commitOffsets.mock.calls.at(-1)![0]).toEqual([
      { topic: 'people.create', partition: 0, offset: '13' },
    ]);
  });

  it('does not answer twice a request fetched again (kafkajs reads from the last commit after a rebalance)', async () => {
    let calls = 0;
    const { deliver, replied, sendBatch } = await serve({
      'people.create': () => ++calls,
    });
    const message = request(5, {}, asking('once'));
    await deliver('people.create', [message]);
    await deliver('people.create', [message]);
    await replied(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(1);
    expect(sendBatch).toHaveBeenCalledTimes(1);
  });

  it('on close, lets requests in flight be answered, then commits and disconnects', async () => {
    const slow = later();
    const { server, deliver, sendBatch, commitOffsets } = await serve({
      'people.create': () => slow.promise,
    });
    await deliver('people.create', [request(0, {}, asking('a'))]);
    const closed = server.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sendBatch).not.toHaveBeenCalled();
    slow.finish({ id: 'x' });
    await closed;
    expect(sendBatch).toHaveBeenCalledTimes(1);
    expect(commitOffsets.mock.calls.at(-1)![0]).toEqual([
      { topic: 'people.create', partition: 0, offset: '1' },
    ]);
  });
});
