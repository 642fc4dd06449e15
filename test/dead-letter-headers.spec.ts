import { describe, expect, it } from '@jest/globals';
import type { KafkaMessage, Producer, ProducerRecord } from 'kafkajs';
import { DLQ_HEADERS } from '#contracts';
import { sendToDeadLetter } from '#messaging';

describe('DLQ_HEADERS', () => {
  it('are the names sendToDeadLetter writes (the AsyncAPI document and npm run ops read them)', async () => {
    const sent: ProducerRecord[] = [];
    const producer = {
      send: async (r: ProducerRecord) => void sent.push(r),
    } as unknown as Producer;
    const message = {
      key: null,
      value: Buffer.from('x'),
      offset: '5',
      headers: {},
    } as KafkaMessage;
    await sendToDeadLetter(producer, 'dlq', [
      { message, error: 'why', source: { topic: 'from', partition: 1 } },
    ]);
    expect(sent[0].messages[0].headers).toEqual({
      [DLQ_HEADERS.error]: 'why',
      [DLQ_HEADERS.originalTopic]: 'from',
      [DLQ_HEADERS.originalPartition]: '1',
      [DLQ_HEADERS.originalOffset]: '5',
    });
  });
});
