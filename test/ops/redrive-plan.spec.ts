import { describe, expect, it } from '@jest/globals';
import type { KafkaMessage } from 'kafkajs';
import {
  DEAD_LETTER_TOPICS,
  DLQ_HEADERS,
  EVENT_TOPICS,
  PARKING_TOPICS,
  REDRIVE_HEADERS,
} from '#contracts';
import { PARKING_TOPIC_OF, planRedrive } from '../../scripts/ops/redrive-plan.js';

const DLQ = EVENT_TOPICS.hireRequestsDlq;
const deadLetter = (headers: Record<string, string>, offset = '7'): KafkaMessage =>
  ({
    key: Buffer.from('k'),
    value: Buffer.from('v'),
    offset,
    timestamp: '0',
    attributes: 0,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
  }) as KafkaMessage;
const fromHireRequests = {
  'correlation-id': 'c1',
  [DLQ_HEADERS.error]: 'value is not JSON',
  [DLQ_HEADERS.originalTopic]: EVENT_TOPICS.hireRequests,
  [DLQ_HEADERS.originalPartition]: '2',
  [DLQ_HEADERS.originalOffset]: '41',
};

describe('PARKING_TOPIC_OF', () => {
  it('is DEAD_LETTER_TOPICS of the contracts', () => {
    expect(PARKING_TOPIC_OF).toEqual(
      Object.fromEntries(DEAD_LETTER_TOPICS.map(({ dlq, parking }) => [dlq, parking])),
    );
  });
});

describe(planRedrive.name, () => {
  it('sends a first-time dead letter back with its headers, its origin and a count of 1', () => {
    const step = planRedrive(DLQ, 3, deadLetter(fromHireRequests), 3);
    expect(step).toEqual({
      action: 'redrive',
      topic: EVENT_TOPICS.hireRequests,
      headers: {
        'correlation-id': 'c1',
        [REDRIVE_HEADERS.originalTopic]: EVENT_TOPICS.hireRequests,
        [REDRIVE_HEADERS.originalPartition]: '2',
        [REDRIVE_HEADERS.originalOffset]: '41',
        [REDRIVE_HEADERS.count]: '1',
        [REDRIVE_HEADERS.from]: `${DLQ}[3]@7`,
      },
    });
  });

  it('keeps the first origin and raises the count on a later trip', () => {
    const again = {
      ...fromHireRequests,
      [DLQ_HEADERS.originalOffset]: '99',
      [REDRIVE_HEADERS.originalOffset]: '41',
      [REDRIVE_HEADERS.originalTopic]: EVENT_TOPICS.hireRequests,
      [REDRIVE_HEADERS.originalPartition]: '2',
      [REDRIVE_HEADERS.count]: '1',
    };
    const step = planRedrive(DLQ, 3, deadLetter(again), 3);
    expect(step.action).toBe('redrive');
    expect(step.headers[REDRIVE_HEADERS.originalOffset]).toBe('41');
    expect(step.headers[REDRIVE_HEADERS.count]).toBe('2');
  });

  it('parks, unchanged, a dead letter re-driven up to the limit', () => {
    const headers = { ...fromHireRequests, [REDRIVE_HEADERS.count]: '3' };
    const step = planRedrive(DLQ, 0, deadLetter(headers), 3);
    expect(step).toMatchObject({ action: 'park', topic: PARKING_TOPICS.hireRequests });
    expect(step.headers).toMatchObject(headers);
  });

  it('parks a dead letter whose origin is missing, unknown or itself a DLQ', () => {
    for (const origin of [undefined, 'elsewhere', DLQ]) {
      const headers: Record<string, string> = { ...fromHireRequests };
      if (origin) headers[DLQ_HEADERS.originalTopic] = origin;
      else delete headers[DLQ_HEADERS.originalTopic];
      expect(planRedrive(DLQ, 0, deadLetter(headers), 3).action).toBe('park');
    }
  });

  it('refuses a topic that is not a dead-letter topic', () => {
    expect(() => planRedrive(EVENT_TOPICS.people, 0, deadLetter(fromHireRequests), 3)).toThrow(
      /not a dead-letter topic/,
    );
  });
});
