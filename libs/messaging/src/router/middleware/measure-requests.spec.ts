import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { ERROR_CODES } from '#contracts';
import { rpcServerDuration } from '../../metrics/messaging-metrics.js';
import { DEADLINE_HEADER } from '../../kafka/kafka-headers.js';
import type { SliceContext } from '../pipeline.js';
import type { RequestHandler } from '../request-pipeline.js';
import { measureRequests } from './measure-requests.js';
import { skipExpired } from './skip-expired.js';

const context = { topic: 'people.get', partition: 0 } as SliceContext;
const message = (headers: Record<string, string> = {}) =>
  ({ key: null, value: Buffer.from('{}'), headers, offset: '1' }) as unknown as KafkaMessage;
const failure = (status: number) => ({
  ok: false,
  error: { status, code: ERROR_CODES.internal, title: 't', detail: 'd' },
});

/** Requests counted for `people.get` with `outcome`, read from prom-client's own JSON. */
async function counted(outcome: string): Promise<number> {
  const { values } = await rpcServerDuration.get();
  return (
    values.find(
      (v) =>
        v.metricName === 'rpc_server_call_duration_seconds_count' &&
        v.labels.rpc_method === 'people.get' &&
        v.labels.outcome === outcome,
    )?.value ?? 0
  );
}

describe(measureRequests.name, () => {
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const logger = new Logger('test');
  const through = (handler: RequestHandler) =>
    measureRequests(logger)(skipExpired(logger)(handler));

  it.each([
    ['ok', { ok: true, data: { id: 1 } }],
    ['rejected', failure(404)],
    ['unavailable', failure(503)],
    ['error', failure(500)],
  ])('counts a %s reply by its pattern', async (outcome, reply) => {
    const before = await counted(outcome);
    await expect(through(async () => reply)(message(), context)).resolves.toBe(reply);
    expect(await counted(outcome)).toBe(before + 1);
  });

  it('counts a request that expired before its handler ran as a timeout', async () => {
    const handler = jest.fn<RequestHandler>();
    const before = await counted('timeout');
    const expired = message({ [DEADLINE_HEADER]: String(Date.now() - 1000) });
    await through(handler)(expired, context);
    expect(handler).not.toHaveBeenCalled();
    expect(await counted('timeout')).toBe(before + 1);
  });

  it('counts a handler that throws as an error and lets the error through', async () => {
    const before = await counted('error');
    const failing = through(async () => {
      throw new Error('boom');
    });
    await expect(failing(message(), context)).rejects.toThrow('boom');
    expect(await counted('error')).toBe(before + 1);
  });
});
