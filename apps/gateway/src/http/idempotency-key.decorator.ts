import {
  BadRequestException,
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../openapi/route-docs.js';

const HEADER = 'idempotency-key';
const VALID = /^[\x21-\x7e]{1,200}$/;

/**
 * The client's Idempotency-Key header (1..200 visible ASCII characters), or undefined without one.
 * A POST repeated with the same key gets the first one's result instead of a second effect.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => {
    const given = ctx.switchToHttp().getRequest<FastifyRequest>().headers[HEADER];
    if (given === undefined) return undefined;
    if (typeof given !== 'string' || !VALID.test(given)) {
      throw new BadRequestException(
        'Idempotency-Key must be 1..200 visible ASCII characters (a UUID is a good choice)',
      );
    }
    return given;
  },
);

/** OpenAPI for a route that takes an Idempotency-Key. */
export const idempotencyDocs = applyDecorators(
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 200, pattern: VALID.source },
    description:
      'Repeat a POST with the same key (after a 503 or a lost answer) to get the first result, never a second effect. Reused with another body: 422 IDEMPOTENCY_KEY_REUSED.',
  }),
  ApiProblems({ 422: ['IDEMPOTENCY_KEY_REUSED'] }),
);
