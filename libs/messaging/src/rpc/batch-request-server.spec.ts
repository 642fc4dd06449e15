import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import type { ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { RPC_HEADERS } from '../kafka/kafka-headers.js';
import { BatchRequestServer } from './batch-request-server.js';

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
  const sendBatch = jest.fn(async (_batch: any) => []);
  const subscribe = jest.fn(async (_s: unknown) => undefined);
  const kafka = {
    producer: () => ({ connect: async () => undefined, sendBatch }),
    consumer: () => ({
      events: { CRASH: 'consumer.crash' },
      on: () => () => undefined,
      connect: async () => undefined,
      subscribe,
      run: async (config: ConsumerRunConfig) => {
        eachBatch = config.eachBatch;
      },
    }),
  } as unknown as Kafka;
  const server = new BatchRequestServer(kafka, {
    groupId: 'people',
    partitionsConsumedConcurrently: 6,
  });
  for (const [pattern, handler] of Object.entries(handlers)) {
    server.addHandler(pattern, async (data: unknown, ctx: KafkaContext) => handler(data, ctx));
  }
  await new Promise<void>((resolve, reject) =>
    server.listen((error) => (error ? reject(error) : resolve())),
  );
  const deliver = (topic: string, messages: KafkaMessage[]) =>
    eachBatch!({
      batch: { topic, partition: 0, messages },
      heartbeat: async () => undefined,
    } as unknown as EachBatchPayload);
  return { deliver, sendBatch, subscribe };
}

describe(BatchRequestServer.name, () => {
  it('subscribes to every pattern and answers a whole batch with one produce', async () => {
    const seen: unknown[] = [];
    const { deliver, sendBatch, subscribe } = await serve({
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
    const { deliver } = await serve({
      'people.create': (_data, ctx) => {
        deadline = ctx.getMessage().headers?.['request-deadline'];
        return null;
      },
    });
    await deliver('people.create', [
      request(0, {}, { ...asking('c1'), 'request-deadline': '123' }),
    ]);
    expect(String(deadline)).toBe('123');
  });

  it('answers a failing handler with the error header, and skips messages nobody waits for', async () => {
    const { deliver, sendBatch } = await serve({
      'people.get': () => {
        throw new Error('boom');
      },
    });
    await deliver('people.get', [request(0, 'not json', asking('c1')), request(1, {}, {})]);
    const [{ topicMessages }] = sendBatch.mock.calls[0];
    expect(topicMessages[0].messages).toEqual([
      {
        partition: 3,
        value: null,
        headers: { [RPC_HEADERS.correlationId]: 'c1', [RPC_HEADERS.error]: 'boom' },
      },
    ]);
  });
});
