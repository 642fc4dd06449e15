import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';

const HEADER = 'x-correlation-id';

/** The caller's x-correlation-id (1..100 safe characters) or a fresh one; echoed on the response. */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const http = ctx.switchToHttp();
  const given = http.getRequest<FastifyRequest>().headers[HEADER];
  const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  void http.getResponse<FastifyReply>().header(HEADER, id);
  return id;
});
