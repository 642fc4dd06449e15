import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER as HEADER, correlationIdFrom, currentLogContext } from '#observability';

/**
 * The request's correlation id (the caller's x-correlation-id when well-formed, else a fresh one:
 * the one its log lines carry); echoed on the response.
 */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const http = ctx.switchToHttp();
  const given = http.getRequest<FastifyRequest>().headers[HEADER];
  const id = currentLogContext()?.correlationId ?? correlationIdFrom(given);
  void http.getResponse<FastifyReply>().header(HEADER, id);
  return id;
});
