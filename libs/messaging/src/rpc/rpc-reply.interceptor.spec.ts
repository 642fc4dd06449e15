import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of, throwError, type Observable } from 'rxjs';
import { ContractValidationError } from '#contracts';
import { RpcReplyInterceptor } from './rpc-reply.interceptor.js';
import { DependencyUnavailableError, RpcFailure } from '#core';

/** An ExecutionContext whose RPC context looks like Nest's KafkaContext. */
function kafkaExecutionContext(
  headers: Record<string, string> = {},
  topic = 'people.get',
): ExecutionContext {
  const kafkaContext = { getMessage: () => ({ headers }), getTopic: () => topic };
  return {
    switchToRpc: () => ({ getContext: () => kafkaContext, getData: () => ({}) }),
  } as unknown as ExecutionContext;
}

function handler(result: Observable<unknown>) {
  const handle = jest.fn(() => result);
  return { next: { handle } as CallHandler, handle };
}

const run = (context: ExecutionContext, next: CallHandler) =>
  lastValueFrom(new RpcReplyInterceptor().intercept(context, next));

describe(RpcReplyInterceptor.name, () => {
  let logError: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('wraps a result in {ok: true, data}', async () => {
    const { next } = handler(of({ id: 'p1' }));
    await expect(run(kafkaExecutionContext(), next)).resolves.toEqual({
      ok: true,
      data: { id: 'p1' },
    });
  });

  it('turns an undefined result into data: null', async () => {
    const { next } = handler(of(undefined));
    await expect(run(kafkaExecutionContext(), next)).resolves.toEqual({ ok: true, data: null });
  });

  it("replies with an RpcFailure's own error", async () => {
    const failure = RpcFailure.notFound('person', 'p1');
    const { next } = handler(throwError(() => failure));
    await expect(run(kafkaExecutionContext(), next)).resolves.toEqual({
      ok: false,
      error: failure.error,
    });
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
  ])('turns %s to the database into 503 DEPENDENCY_UNAVAILABLE', async (_, error) => {
    const { next } = handler(throwError(() => error));
    await expect(run(kafkaExecutionContext(), next)).resolves.toMatchObject({
      ok: false,
      error: { status: 503, code: 'DEPENDENCY_UNAVAILABLE' },
    });
  });

  it('turns a ContractValidationError into 400 VALIDATION_FAILED naming the fields', async () => {
    const { next } = handler(
      throwError(() => new ContractValidationError(['fullName: must not be empty'])),
    );
    await expect(run(kafkaExecutionContext(), next)).resolves.toEqual({
      ok: false,
      error: {
        status: 400,
        code: 'VALIDATION_FAILED',
        title: 'Bad Request',
        detail: 'fullName: must not be empty',
      },
    });
  });

  it('turns any other error into 500 INTERNAL without leaking its message', async () => {
    const { next } = handler(throwError(() => new Error('password=hunter2 at db:5432')));
    const reply = await run(kafkaExecutionContext(), next);
    expect(reply).toMatchObject({
      ok: false,
      error: { status: 500, code: 'INTERNAL', title: 'Internal Server Error' },
    });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
    expect(logError).toHaveBeenCalledWith(
      'handler for people.get failed',
      expect.stringContaining('hunter2'),
    );
  });

  it("replies with a DependencyUnavailableError's own 503 error", async () => {
    const error = new DependencyUnavailableError('people did not answer');
    const { next } = handler(throwError(() => error));
    await expect(run(kafkaExecutionContext(), next)).resolves.toEqual({
      ok: false,
      error: error.error,
    });
    expect(error.error).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
  });
});
