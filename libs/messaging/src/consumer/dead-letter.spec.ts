import { describe, expect, it, jest } from '@jest/globals';
import type { KafkaMessage, Producer, ProducerRecord } from 'kafkajs';
import { DLQ_ERROR_HEADER, sendToDeadLetter } from './dead-letter.js';

function fakeProducer() {
  const send = jest.fn(async (_record: ProducerRecord) => []);
  return { producer: { send } as unknown as Producer, send };
}

function message(offset: string, headers: KafkaMessage['headers'] = {}): KafkaMessage {
  return {
    key: Buffer.from(`key-${offset}`),
    value: Buffer.from(`not json ${offset}`),
    headers,
    offset,
    timestamp: '0',
    attributes: 0,
  } as KafkaMessage;
}

describe(sendToDeadLetter.name, () => {
  it('keeps key, value and headers and adds the error header', async () => {
    const { producer, send } = fakeProducer();
    const original = message('42', { 'correlation-id': Buffer.from('c-1'), 'event-type': 'x' });

    await sendToDeadLetter(producer, 'in.dlq', [
      { message: original, error: 'value is not JSON', source: { topic: 'in', partition: 3 } },
    ]);

    expect(send).toHaveBeenCalledTimes(1);
    const record = send.mock.calls[0][0];
    expect(record.topic).toBe('in.dlq');
    expect(record.messages).toHaveLength(1);
    const [sent] = record.messages;
    expect(sent.key).toBe(original.key);
    expect(sent.value).toBe(original.value);
    expect(sent.headers).toEqual({
      'correlation-id': Buffer.from('c-1'),
      'event-type': 'x',
      [DLQ_ERROR_HEADER]: 'value is not JSON',
      'dlq-original-topic': 'in',
      'dlq-original-partition': '3',
      'dlq-original-offset': '42',
    });
    expect(DLQ_ERROR_HEADER).toBe('error');
  });

  it('sends a whole batch in one call, in order', async () => {
    const { producer, send } = fakeProducer();
    const source = { topic: 'in', partition: 0 };
    await sendToDeadLetter(producer, 'in.dlq', [
      { message: message('1'), error: 'a', source },
      { message: message('2'), error: 'b', source },
    ]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].messages.map((m) => m.headers?.[DLQ_ERROR_HEADER])).toEqual([
      'a',
      'b',
    ]);
  });

  it('sends nothing for an empty batch', async () => {
    const { producer, send } = fakeProducer();
    await sendToDeadLetter(producer, 'in.dlq', []);
    expect(send).not.toHaveBeenCalled();
  });
});
