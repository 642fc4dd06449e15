import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { ContractValidationError } from '#contracts';
import { DependencyUnavailableError, RpcFailure } from '#core';
import { AuthenticationError, InsufficientScopeError } from '../auth/auth-errors.js';
import { ProblemDetailsFilter, httpTitle } from './problem-details.filter.js';

/** A FastifyReply stand-in recording what the filter sent; status/header chain like Fastify's. */
function fakeReply() {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    status: jest.fn((code: number) => {
      sent.status = code;
      return reply;
    }),
    header: jest.fn((name: string, value: string) => {
      sent.headers[name.toLowerCase()] = value;
      return reply;
    }),
    send: jest.fn((body: unknown) => {
      sent.body = body;
      return reply;
    }),
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({}) }),
  } as unknown as ArgumentsHost;
  return { host, sent, reply };
}

function respond(error: unknown) {
  const { host, sent, reply } = fakeReply();
  new ProblemDetailsFilter().catch(error, host);
  expect(reply.send).toHaveBeenCalledTimes(1);
  return sent;
}

describe(ProblemDetailsFilter.name, () => {
  let logError: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('maps a ContractValidationError to 400 VALIDATION_FAILED', () => {
    const sent = respond(
      new ContractValidationError(['fullName: must not be empty', 'email: bad']),
    );
    expect(sent.status).toBe(400);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: '/problems/validation-failed',
      title: 'Bad Request',
      status: 400,
      detail: 'fullName: must not be empty; email: bad',
      code: 'VALIDATION_FAILED',
    });
  });

  it('maps an RpcFailure to its own status and code', () => {
    const sent = respond(RpcFailure.conflict('EMAIL_TAKEN', 'ada@example.com is taken'));
    expect(sent.status).toBe(409);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: '/problems/email-taken',
      title: 'Conflict',
      status: 409,
      detail: 'ada@example.com is taken',
      code: 'EMAIL_TAKEN',
    });
  });

  it('leaves the code and the detail (which may name SQL) out of an RpcFailure that is INTERNAL', () => {
    const failure = new RpcFailure({
      status: 500,
      code: 'INTERNAL',
      title: 'Internal Server Error',
      detail: 'QueryFailedError: syntax error at or near "DROP" in SELECT * FROM people',
    });
    const sent = respond(failure);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'unexpected error in a service; see its logs',
    });
    expect(JSON.stringify(sent.body)).not.toMatch(/SELECT|QueryFailed/);
    expect(logError).toHaveBeenCalled();
  });

  it('adds WWW-Authenticate to 401 and 403 problems', () => {
    const unauthorized = respond(new AuthenticationError('the token expired', true));
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body).toMatchObject({ title: 'Unauthorized', detail: 'the token expired' });
    expect(unauthorized.headers['www-authenticate']).toContain('error="invalid_token"');
    const forbidden = respond(new InsufficientScopeError('write'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['www-authenticate']).toContain('scope="write"');
  });

  it('maps a DependencyUnavailableError to 503 DEPENDENCY_UNAVAILABLE without logging an error', () => {
    const sent = respond(new DependencyUnavailableError('no reply to people.get within 3000 ms'));
    expect(sent.status).toBe(503);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.body).toMatchObject({
      status: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      title: 'Service Unavailable',
      detail: 'no reply to people.get within 3000 ms',
    });
    expect(logError).not.toHaveBeenCalled();
  });

  it('maps an HttpException to its status and message', () => {
    const notFound = respond(new NotFoundException('Cannot GET /nope'));
    expect(notFound.status).toBe(404);
    expect(notFound.headers['content-type']).toBe('application/problem+json');
    expect(notFound.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /nope',
    });

    const tooLarge = respond(new PayloadTooLargeException());
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ status: 413, title: 'Content Too Large' });

    const teapot = respond(new HttpException('short and stout', 418));
    expect(teapot.body).toEqual({
      type: 'about:blank',
      title: 'Error',
      status: 418,
      detail: 'short and stout',
    });

    expect(respond(new BadRequestException()).body).toMatchObject({
      status: 400,
      title: 'Bad Request',
    });
  });

  it('maps anything else to 500 without leaking it, and logs it', () => {
    const error = new Error('connection to db:5432 refused for user admin');
    const sent = respond(error);
    expect(sent.status).toBe(500);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'unexpected error; see the gateway logs',
    });
    expect(logError).toHaveBeenCalledWith('unexpected error; see the gateway logs', error.stack);
  });

  it('copes with thrown non-errors', () => {
    expect(respond('boom').status).toBe(500);
    expect(respond(undefined).status).toBe(500);
  });
});

describe(httpTitle.name, () => {
  it('names known statuses and falls back to Error', () => {
    expect(httpTitle(415)).toBe('Unsupported Media Type');
    expect(httpTitle(429)).toBe('Too Many Requests');
    expect(httpTitle(402)).toBe('Error');
  });
});
