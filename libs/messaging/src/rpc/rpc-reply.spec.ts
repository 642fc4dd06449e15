import { describe, expect, it, jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { ContractValidationError } from '#contracts';
import { DependencyUnavailableError, RpcFailure } from '#core';
import { failureReply } from './rpc-reply.js';

const logger = () => ({ warn: jest.fn(), error: jest.fn() });
const replyTo = (error: unknown, log = logger()) =>
  failureReply(error, 'people.get', log as unknown as Logger);

describe(failureReply.name, () => {
  it("replies with an RpcFailure's own error", () => {
    const failure = RpcFailure.notFound('person', 'p1');
    expect(replyTo(failure)).toEqual({ ok: false, error: failure.error });
  });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    [
      'an admin shutdown',
      Object.assign(new Error('terminating connection'), { driverError: { code: '57P01' } }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
  ])('turns %s to the database into 503 DEPENDENCY_UNAVAILABLE', (_, error) => {
    const log = logger();
    expect(replyTo(error, log)).toMatchObject({
      ok: false,
      error: { status: 503, code: 'DEPENDENCY_UNAVAILABLE' },
    });
    expect(log.warn).toHaveBeenCalledWith(`database unavailable: ${error.message}`);
  });

  it('turns a ContractValidationError into 400 VALIDATION_FAILED naming the fields', () => {
    expect(replyTo(new ContractValidationError(['fullName: must not be empty']))).toEqual({
      ok: false,
      error: {
        status: 400,
        code: 'VALIDATION_FAILED',
        title: 'Bad Request',
        detail: 'fullName: must not be empty',
      },
    });
  });

  it('turns any other error into 500 INTERNAL without leaking its message', () => {
    const log = logger();
    const reply = replyTo(new Error('password=hunter2 at db:5432'), log);
    expect(reply).toMatchObject({
      ok: false,
      error: { status: 500, code: 'INTERNAL', title: 'Internal Server Error' },
    });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
    expect(log.error).toHaveBeenCalledWith(
      'handler for people.get failed',
      expect.stringContaining('hunter2'),
    );
  });

  it("replies with a DependencyUnavailableError's own 503 error", () => {
    const error = new DependencyUnavailableError('people did not answer');
    expect(replyTo(error)).toEqual({ ok: false, error: error.error });
    expect(error.error).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
  });
});
