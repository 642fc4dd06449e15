import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DependencyUnavailableError, RpcFailure } from '#core';
import { MessageRouter } from './message-router.js';
import type { Parsed } from './middleware/parse-or-dead-letter.js';
import { eventRoute } from './routes.js';

const messages = (count: number, from = 0): KafkaMessage[] =>
  Array.from({ length: count }, (_, i) => ({
    key: null,
    value: Buffer.from(`m${from + i}`),
    headers: {},
    offset: String(from + i),
    timestamp: '0',
    attributes: 0,
  }));
const values = (batch: KafkaMessage[]) => batch.map((m) => String(m.value));
const tooManyIds = new RpcFailure({
  status: 400,
  code: 'VALIDATION_FAILED',
  title: 'Bad Request',
  detail: 'ids: Too big',
});

interface Options {
  handle(messages: KafkaMessage[]): Promise<void>;
  /** What the dead-letter topic does with a message sent to it (default: takes it). */
  giveUp?(message: KafkaMessage): Promise<void>;
  sliceSize?: number;
}

/** Starts a MessageRouter with one event route on a fake kafkajs and hands it one batch. */
async function consume(
  batch: KafkaMessage[],
  options: Options,
  heartbeat: () => Promise<void> = async () => undefined,
) {
  let eachBatch: ConsumerRunConfig['eachBatch'];
  const givenUp: string[] = [];
  const send = async ({ messages: sent }: { messages: Array<{ value: Buffer }> }) => {
    for (const message of sent) {
      await options.giveUp?.(message as unknown as KafkaMessage);
      givenUp.push(String(message.value));
    }
  };
  const consumer = {
    events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
    on: () => () => undefined,
    connect: async () => undefined,
    subscribe: async () => undefined,
    commitOffsets: async () => undefined,
    run: async (config: ConsumerRunConfig) => {
      eachBatch = config.eachBatch;
    },
  };
  const kafka = {
    consumer: () => consumer,
    producer: () => ({ connect: async () => undefined, send }),
  } as unknown as Kafka;
  const handler = {
    handle: (parsed: Parsed<string>[]) => options.handle(parsed.map((p) => p.message)),
  };
  const route = eventRoute<string>({
    topics: ['t' as never],
    group: 'g',
    fromBeginning: true,
    parse: (message) => ({ value: String(message.value) }),
    handler: Object as never,
    deadLetterTopic: 't.dlq' as never,
    sliceSize: options.sliceSize,
  });
  const router = new MessageRouter(kafka, { events: [route] }, () => handler as never);
  await new Promise<void>((resolve, reject) =>
    router.listen((error) => (error ? reject(error) : resolve())),
  );
  const resolved: string[] = [];
  const heartbeats = jest.fn(heartbeat);
  await eachBatch!({
    batch: { topic: 't', partition: 0, messages: batch, lastOffset: () => batch.at(-1)!.offset },
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: heartbeats,
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload);
  return { resolved, givenUp, heartbeats };
}

describe(`${MessageRouter.name} (event routes)`, () => {
  beforeEach(() => {
    for (const level of ['log', 'warn', 'error'] as const)
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  });

  it('hands a long batch over in slices and heartbeats after each one', async () => {
    const calls: string[][] = [];
    const { resolved, heartbeats } = await consume(messages(5), {
      sliceSize: 2,
      handle: async (batch) => {
        calls.push(values(batch));
      },
    });
    expect(calls).toEqual([['m0', 'm1'], ['m2', 'm3'], ['m4']]);
    expect(resolved).toEqual(['1', '3', '4']);
    expect(heartbeats).toHaveBeenCalledTimes(3);
  });

  it('retries a slice that failed for a transient reason until it succeeds', async () => {
    let attempts = 0;
    const { resolved, givenUp } = await consume(messages(3), {
      handle: async () => {
        if (++attempts < 3) throw new DependencyUnavailableError('people service down');
      },
    });
    expect(attempts).toBe(3);
    expect(resolved).toEqual(['2']);
    expect(givenUp).toEqual([]);
  });

  it('narrows a permanent failure down to its message, gives up on that one only, and moves on', async () => {
    const handled: string[] = [];
    const { resolved, givenUp } = await consume(messages(8), {
      handle: async (batch) => {
        if (values(batch).includes('m5')) throw tooManyIds;
        handled.push(...values(batch));
      },
    });
    expect(givenUp).toEqual(['m5']);
    expect(handled.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm6', 'm7']);
    expect(resolved).toEqual(['7']);
  });

  it('gives up on every message of a slice that can never be handled, and never blocks the partition', async () => {
    const { resolved, givenUp } = await consume(messages(4), {
      handle: async () => {
        throw new TypeError('a bug');
      },
    });
    expect(givenUp).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(resolved).toEqual(['3']);
  });

  it('retries giving up while the dead-letter topic cannot be reached', async () => {
    let tries = 0;
    const { givenUp, resolved } = await consume(messages(1), {
      handle: async () => {
        throw tooManyIds;
      },
      giveUp: async () => {
        if (++tries === 1) throw new DependencyUnavailableError('broker down');
      },
    });
    expect(tries).toBe(2);
    expect(givenUp).toEqual(['m0']); // on the second try
    expect(resolved).toEqual(['0']);
  });

  it('skips, and logs, a message that cannot even be given up, rather than stop the partition', async () => {
    const handled: string[] = [];
    const { resolved } = await consume(messages(3), {
      handle: async (batch) => {
        if (values(batch).includes('m1')) throw tooManyIds;
        handled.push(...values(batch));
      },
      giveUp: async () => {
        throw new TypeError('dead-letter topic refuses the message');
      },
    });
    expect(handled).toEqual(['m0', 'm2']);
    expect(resolved).toEqual(['2']);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.stringContaining('t[0]@1 could not be dead-lettered either'),
    );
  });

  it('leaves a batch it keeps retrying when the group rebalances, so others can join', async () => {
    let attempts = 0;
    const rebalancing = Object.assign(new Error('The group is rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
    });
    const { resolved } = await consume(
      messages(2),
      {
        handle: async () => {
          attempts += 1;
          throw new DependencyUnavailableError('people service down');
        },
      },
      async () => {
        throw rebalancing;
      },
    );
    expect(attempts).toBe(1);
    expect(resolved).toEqual([]);
  });
});
