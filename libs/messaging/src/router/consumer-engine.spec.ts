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

describe(ConsumerEngine.name, () => {
  it('commits the last handled offsets again after a refused commit, with no further message to prompt it', async () => {
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    let eachBatch: ConsumerRunConfig['eachBatch'];
    const committed: Offsets[] = [];
    let refusals = 2;
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
      commitOffsets: async (offsets: Offsets) => {
        if (refusals-- > 0)
          throw Object.assign(new Error('The group is rebalancing'), {
            type: 'REBALANCE_IN_PROGRESS',
          });
        committed.push(offsets);
      },
    };
    const engine = new ConsumerEngine({ consumer: () => consumer } as unknown as Kafka, {
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      mode: 'in-order',
      handle: async () => undefined,
      commitIntervalMs: 10,
    });
    await engine.start();
    await eachBatch!({
      batch: { topic: 't', partition: 0, messages: [message(0), message(1)], highWatermark: '2' },
      resolveOffset: () => undefined,
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);

    await waitFor(() => committed.length > 0);
    expect(committed).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
    await engine.stop();
  });
});
