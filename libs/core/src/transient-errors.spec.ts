import { describe, expect, it } from '@jest/globals';
import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { DependencyUnavailableError, RpcFailure } from './rpc-errors.js';
import {
  GaveUpError,
  RetryLaterError,
  isDatabaseConnectionError,
  isTransientError,
} from './transient-errors.js';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const typeormError = (code: string) =>
  Object.assign(new Error('QueryFailedError'), { driverError: { code } });
const reply = (status: number) =>
  new RpcFailure({ status, code: 'VALIDATION_FAILED', title: 't', detail: 'd' });

describe(isTransientError.name, () => {
  it.each([
    ['a dependency that could not be asked', new DependencyUnavailableError('no reply')],
    ['a 503 reply', reply(503)],
    ['work not ready yet', new RetryLaterError('not yet')],
    ['a lost database connection', new Error('Connection terminated unexpectedly')],
    ['a refused database connection', pgError('ECONNREFUSED')],
    ['PostgreSQL shutting down', typeormError('57P01')],
    ['a serialization failure', typeormError('40001')],
    ['a deadlock', typeormError('40P01')],
    ['a broker connection error', new KafkaJSConnectionError('down')],
    [
      'kafkajs retries spent on a connection error',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('down'), {
        retryCount: 5,
        retryTime: 100,
      }),
    ],
    [
      'a send given up on a connection error',
      new GaveUpError('gave up', new KafkaJSConnectionError('down'), 8, 9000),
    ],
  ])('retries %s', (_what, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a 400 reply (too many ids)', reply(400)],
    ['a 500 reply', reply(500)],
    ['an unexpected constraint', typeormError('23505')],
    ['text PostgreSQL cannot store', typeormError('22021')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    [
      'a message the broker refuses',
      new KafkaJSProtocolError({
        message: 'too large',
        type: 'MESSAGE_TOO_LARGE',
        code: 10,
        retriable: false,
      } as never),
    ],
    ['a send given up on a bug', new GaveUpError('gave up', new TypeError('x'), 1, 0)],
    ['a thrown string', 'oops'],
    ['nothing', undefined],
  ])('does not retry %s', (_what, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});

describe(isDatabaseConnectionError.name, () => {
  it('recognises pool timeouts but not query errors', () => {
    expect(isDatabaseConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(
      true,
    );
    expect(isDatabaseConnectionError(typeormError('23505'))).toBe(false);
  });
});
