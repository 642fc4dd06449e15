import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { DEADLINE_HEADER } from '../../kafka/kafka-headers.js';
import type { SliceContext } from '../pipeline.js';
import { skipExpired } from './skip-expired.js';

const context = { topic: 'people.create', partition: 0 } as SliceContext;
const request = (headers: Record<string, string>) => ({ headers }) as unknown as KafkaMessage;
const logger = { warn: jest.fn() } as unknown as Logger;

describe(skipExpired.name, () => {
  it('answers an expired request 503 without running its handler', async () => {
    const handler = jest.fn(async () => 'done');
    const expired = request({ [DEADLINE_HEADER]: String(Date.now() - 1) });
    await expect(skipExpired(logger)(handler)(expired, context)).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' }),
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs a request whose deadline is still ahead, or absent', async () => {
    const cases: Array<Record<string, string>> = [
      { [DEADLINE_HEADER]: String(Date.now() + 60_000) },
      {},
    ];
    for (const headers of cases) {
      const handler = jest.fn(async () => 'done');
      await expect(skipExpired(logger)(handler)(request(headers), context)).resolves.toBe('done');
      expect(handler).toHaveBeenCalledTimes(1);
    }
  });
});
