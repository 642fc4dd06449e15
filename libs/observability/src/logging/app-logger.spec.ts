import { describe, expect, it } from '@jest/globals';
import { createAppLogger, scrubSecrets } from './app-logger.js';
import { captureLogLines } from './log-capture.js';
import { runWithLogContext } from './log-context.js';
import { NestPinoLogger } from './nest-pino-logger.js';

/** A JSON logger writing into memory, and its lines parsed. */
function capture(level: 'log' | 'warn' = 'log') {
  const { stream, lines } = captureLogLines();
  const logger = createAppLogger({ service: 'people', level, format: 'json', destination: stream });
  return { logger, lines };
}

describe('app logger', () => {
  it('writes one JSON object a line, with the service and the log context of the request', () => {
    const { logger, lines } = capture();
    runWithLogContext({ correlationId: 'c-1', traceId: 'a'.repeat(32) }, () =>
      logger.info('inside'),
    );
    logger.info('outside');
    expect(lines()).toMatchObject([
      { msg: 'inside', service: 'people', correlationId: 'c-1', traceId: 'a'.repeat(32) },
      { msg: 'outside', service: 'people' },
    ]);
    expect(lines()[1]).not.toHaveProperty('correlationId');
  });

  it('keeps to LOG_LEVEL', () => {
    const { logger, lines } = capture('warn');
    const nest = new NestPinoLogger(logger);
    nest.log('not shown', 'Ctx');
    nest.warn('shown', 'Ctx');
    expect(lines()).toMatchObject([{ level: 40, msg: 'shown', context: 'Ctx' }]);
  });

  it('redacts bearer tokens, database passwords and idempotency keys, in fields and in text', () => {
    const { logger, lines } = capture();
    const nest = new NestPinoLogger(logger);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJhbGciOi.abc.def', 'idempotency-key': 'k-42' } },
        DATABASE_URL: 'postgres://people:s3cret@db:5432/people',
        idempotencyKey: 'k-43',
      },
      'request',
    );
    nest.warn('auth failed for Bearer eyJhbGciOi.abc.def', 'Auth');
    nest.error('cannot reach postgres://people:s3cret@db:5432/people', 'Db');
    nest.log('stored {"idempotencyKey":"k-44"}', 'Keys');
    const text = JSON.stringify(lines());
    for (const secret of ['eyJhbGciOi', 's3cret', 'k-42', 'k-43', 'k-44']) {
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    }
    expect(text).toContain('postgres://people:[redacted]@db:5432/people');
  });

  it('scrubs text without touching what is no secret', () => {
    expect(scrubSecrets('GET /people/1 took 3 ms')).toBe('GET /people/1 took 3 ms');
    expect(scrubSecrets('authorization: Bearer abc.def-ghi_jkl')).toBe(
      'authorization: Bearer [redacted]',
    );
  });

  it('logs an error with its stack and Nest context', () => {
    const { logger, lines } = capture();
    new NestPinoLogger(logger).error('handler failed', 'Error: x\n    at y', 'RpcReply');
    expect(lines()).toMatchObject([
      { level: 50, msg: 'handler failed', context: 'RpcReply', stack: 'Error: x\n    at y' },
    ]);
  });
});
