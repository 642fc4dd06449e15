import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { KafkaMessage, Producer, ProducerRecord } from 'kafkajs';
import { metricsRegistry } from '#observability';
import { DeadLetterQueue } from './dead-letter-queue.js';

const message = (offset: string) =>
  ({ key: null, value: Buffer.from(`bad ${offset}`), headers: {}, offset }) as KafkaMessage;
const source = { topic: 'employment.hire-requests', partition: 2 };

describe(DeadLetterQueue.name, () => {
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

  it('sends a message once however often its batch is retried', async () => {
    const sent: ProducerRecord[] = [];
    const producer = { send: jest.fn(async (r: ProducerRecord) => sent.push(r)) };
    const queue = new DeadLetterQueue(producer as unknown as Producer, 'x.dlq');
    const letters = [message('10'), message('11')].map((m) => ({
      message: m,
      source,
      error: 'e',
      reason: 'unreadable' as const,
    }));

    await queue.send(letters);
    await queue.send(letters);
    await queue.send([
      ...letters,
      { message: message('12'), source, error: 'e', reason: 'unreadable' as const },
    ]);

    expect(sent.map((r) => r.messages.map((m) => m.headers?.['dlq-original-offset']))).toEqual([
      ['10', '11'],
      ['12'],
    ]);
    expect(await deadLettered('x.dlq', 'unreadable')).toBe(3);
  });

  it('sends it again when the first send failed', async () => {
    let fail = true;
    const producer = {
      send: jest.fn(async () => {
        if (fail) throw new Error('broker down');
        return [];
      }),
    };
    const queue = new DeadLetterQueue(producer as unknown as Producer, 'x.dlq');
    const letter = { message: message('7'), source, error: 'e', reason: 'unreadable' as const };

    await expect(queue.send([letter])).rejects.toThrow('broker down');
    fail = false;
    await queue.send([letter]);
    expect(producer.send).toHaveBeenCalledTimes(2);
  });
});

/** What the process's registry counts for `topic` and `reason`, read back from its JSON. */
async function deadLettered(topic: string, reason: string): Promise<number | undefined> {
  const metric = await metricsRegistry
    .getSingleMetric('messaging_dead_letter_messages_total')!
    .get();
  return metric.values.find(
    (v) => v.labels.messaging_destination_name === topic && v.labels.reason === reason,
  )?.value;
}
