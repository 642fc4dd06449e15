import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ContractValidationError, ERROR_CODES } from '#contracts';
import { DependencyUnavailableError, RpcFailure } from '#core';
import { authErrorHeaders } from '../auth/auth-errors.js';
import { PROBLEM_CONTENT_TYPE, problem, type Problem } from './problem.js';

/** The one edge where errors become application/problem+json responses. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const body = this.toProblem(error);
    if (body.status >= 500 && body.status !== 503)
      this.logger.error(body.detail, (error as Error)?.stack);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    for (const [name, value] of Object.entries(authErrorHeaders(error))) reply.header(name, value);
    reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof ContractValidationError) {
      return problem(400, 'Bad Request', error.message, ERROR_CODES.validation);
    }
    if (error instanceof RpcFailure || error instanceof DependencyUnavailableError) {
      const e = error.error;
      // A service's internal failure may describe its SQL or code: it stays in the logs.
      if (e.code === ERROR_CODES.internal) {
        this.logger.error(`${e.status} from a service: ${e.detail}`);
        return problem(e.status, e.title, 'unexpected error in a service; see its logs');
      }
      return problem(e.status, e.title, e.detail, e.code);
    }
    if (error instanceof HttpException) {
      const response = error.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : ((response as { message?: string }).message ?? error.message);
      return problem(error.getStatus(), httpTitle(error.getStatus()), String(detail));
    }
    return problem(500, 'Internal Server Error', 'unexpected error; see the gateway logs');
  }
}

/** Standard reason phrase of a status code. */
export function httpTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
