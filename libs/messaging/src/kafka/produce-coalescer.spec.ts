import { describe, expect, it, jest } from '@jest/globals';
import type { Producer } from 'kafkajs';
import { ProduceCoalescer } from './produce-coalescer.js';

describe(ProduceCoalescer.name, () => {
  it('sends the messages of one tick in one produce, grouped by topic', async () => {
    const sendBatch = jest.fn(async (_batch: unknown) => []);
    const coalescer = new ProduceCoalescer({ sendBatch } as unknown as Producer);
    await Promise.all([
      coalescer.send('people.get', { value: 'a' }),
      coalescer.send('companies.get', { value: 'b' }),
      coalescer.send('people.get', { value: 'c' }),
    ]);
    expect(sendBatch).toHaveBeenCalledTimes(1);
    expect(sendBatch.mock.calls[0][0]).toEqual({
      acks: -1,
      topicMessages: [
        { topic: 'people.get', messages: [{ value: 'a' }, { value: 'c' }] },
        { topic: 'companies.get', messages: [{ value: 'b' }] },
      ],
    });
    await coalescer.send('people.get', { value: 'd' });
    expect(sendBatch).toHaveBeenCalledTimes(2);
  });

  it('fails every message of a produce that failed', async () => {
    const sendBatch = jest.fn(async () => {
      throw new Error('broker down');
    });
    const coalescer = new ProduceCoalescer({ sendBatch } as unknown as Producer);
    const results = await Promise.allSettled([
      coalescer.send('t', { value: '1' }),
      coalescer.send('t', { value: '2' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('while a produce is in flight, gathers what arrives into the next one', async () => {
    let acknowledge!: () => void;
    const sendBatch = jest
      .fn(async (_batch: unknown) => [])
      .mockImplementationOnce(() => new Promise((resolve) => (acknowledge = () => resolve([]))));
    const coalescer = new ProduceCoalescer({ sendBatch } as unknown as Producer);
    const first = coalescer.send('t', { value: '1' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sendBatch).toHaveBeenCalledTimes(1);
    const later = [];
    for (let i = 2; i <= 4; i++) {
      later.push(coalescer.send('t', { value: String(i) }));
      await new Promise((resolve) => setImmediate(resolve)); // each in a tick of its own
    }
    expect(sendBatch).toHaveBeenCalledTimes(1); // still waiting for the first acknowledgement
    acknowledge();
    await Promise.all([first, ...later]);
    expect(sendBatch).toHaveBeenCalledTimes(2);
    expect(sendBatch.mock.calls[1][0]).toEqual({
      acks: -1,
      topicMessages: [{ topic: 't', messages: [{ value: '2' }, { value: '3' }, { value: '4' }] }],
    });
  });
});
