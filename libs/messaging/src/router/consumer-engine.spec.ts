import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ConsumerRunConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { ConsumerEngine } from './consumer-engine.js';

type Offsets = Array<{ topic: string; partition: number; offset: string }>;

const message = (offset: number): KafkaMessage => ({
  key: null,
  value: Buffer.from(`m${offset}`),
  headers: {},
  offset: String(offset),
  timestamp: '0',
  attributes: 0,
});

/** Waits for `condition`, failing after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A kafkajs consumer that commits with `commitOffsets`; `eachBatch()` is what the engine runs. */
function fakeKafka(commitOffsets: (offsets: Offsets) => Promise<void> = async () => undefined) {
  let eachBatch: ConsumerRunConfig['eachBatch'];
  const consumer = {
    events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
    on: () => () => undefined,
    connect: async () => undefined,
    subscribe: async () => undefined,
    pause: () => undefined,
    disconnect: async () => undefined,
    run: async (config: ConsumerRunConfig) => {
      eachBatch = config.eachBatch;
    },
    commitOffsets,
  };
  return {
    kafka: { consumer: () => consumer } as unknown as Kafka,
    eachBatch: (payload: unknown) => eachBatch!(payload as EachBatchPayload),
  };
}

describe(ConsumerEngine.name, () => {
  it('commits the last handled offsets again after a refused commit, with no further message to prompt it', async () => {
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const committed: Offsets[] = [];
    let refusals = 2;
    const { kafka, eachBatch } = fakeKafka(async (offsets) => {
      if (refusals-- > 0)
        throw Object.assign(new Error('The group is rebalancing'), {
          type: 'REBALANCE_IN_PROGRESS',
        });
      committed.push(offsets);
    });
    const engine = new ConsumerEngine(kafka, {
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      mode: 'in-order',
      handle: async () => undefined,
      commitIntervalMs: 10,
    });
    await engine.start();
    await eachBatch({
      batch: { topic: 't', partition: 0, messages: [message(0), message(1)], highWatermark: '2' },
      resolveOffset: () => undefined,
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    });

    await waitFor(() => committed.length > 0);
    expect(committed).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
    await engine.stop();
  });

  it('looks ahead at slice N+1 while slice N is handled, and hands N+1 to the handler only after N', async () => {
    const { kafka, eachBatch } = fakeKafka();
    const events: string[] = [];
    const releases: Array<() => void> = [];
    const offsetsOf = (messages: KafkaMessage[]) => messages.map((m) => m.offset).join(',');
    const engine = new ConsumerEngine(kafka, {
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      mode: 'in-order',
      sliceSize: 2,
      handle: async (messages) => {
        events.push(`handle ${offsetsOf(messages)}`);
        await new Promise<void>((resolve) => releases.push(resolve));
        events.push(`handled ${offsetsOf(messages)}`);
      },
      lookAhead: (messages) => events.push(`look ahead ${offsetsOf(messages)}`),
    });
    await engine.start();
    const resolved: string[] = [];
    const batch = eachBatch({
      batch: {
        topic: 't',
        partition: 0,
        messages: [0, 1, 2, 3, 4].map(message),
        highWatermark: '5',
      },
      resolveOffset: (offset: string) => resolved.push(offset),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    });
    for (let slice = 0; slice < 3; slice++) {
      await waitFor(() => releases.length > slice);
      await new Promise((resolve) => setImmediate(resolve)); // nothing more starts meanwhile
      releases[slice]();
    }
    await batch;
    expect(events).toEqual([
      'handle 0,1',
      'look ahead 2,3', // while 0,1 is still being handled
      'handled 0,1',
      'handle 2,3',
      'look ahead 4',
      'handled 2,3',
      'handle 4',
      'handled 4',
    ]);
    expect(resolved).toEqual(['1', '3', '4']);
    await engine.stop();
  });
});
