import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import type { ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
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

/** A server on fake kafkajs clients, with `handlers` registered as @MessagePattern would. */
async function serve(handlers: Record<string, (data: unknown, ctx: KafkaContext) => unknown>) {
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  let eachBatch: ConsumerRunConfig['eachBatch'];
  let runConfig: ConsumerRunConfig | undefined;
  const sendBatch = jest.fn(async (_batch: any) => []);
  const subscribe = jest.fn(async (_s: unknown) => undefined);
  const commitOffsets = jest.fn(async (_offsets: unknown) => undefined);
  const disconnect = jest.fn(async () => undefined);
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
        runConfig = config;
        eachBatch = config.eachBatch;
      },
    }),
  } as unknown as Kafka;
  const server = new MessageRouter(
    kafka,
    { requests: { group: 'people', topics: Object.keys(handlers) as never } },
    () => {
      throw new Error('no event routes here');
    },
  );
  for (const [pattern, handler] of Object.entries(handlers)) {
    server.addHandler(pattern, async (data: unknown, ctx: KafkaContext) => handler(data, ctx));
  }
  await new Promise<void>((resolve, reject) =>
    server.listen((error) => (error ? reject(error) : resolve())),
  );
  const resolved: string[] = [];
  const deliver = (topic: string, messages: KafkaMessage[]) =>
    eachBatch!({
      batch: { topic, partition: 0, messages },
      resolveOffset: (offset: string) => resolved.push(offset),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);
  /** Resolves once `n` produces of replies were made. */
  const replied = (n = 1) => until(() => sendBatch.mock.calls.length >= n);
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
        return { ok: true, data };
      },
      'people.list': () => ({ ok: true, data: [] }),
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

  it('answers a failing handler with the error header, and skips messages nobody waits for', async () => {
    const { deliver, replied, sendBatch } = await serve({
      'people.get': () => {
        throw new Error('boom');
      },
    });
    await deliver('people.get', [request(0, 'not json', asking('c1')), request(1, {}, {})]);
    await replied();
    const [{ topicMessages }] = sendBatch.mock.calls[0];
    expect(topicMessages[0].messages).toEqual([
      {
        partition: 3,
        value: null,
        headers: { [RPC_HEADERS.correlationId]: 'c1', [RPC_HEADERS.error]: 'boom' },
      },
    ]);
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
