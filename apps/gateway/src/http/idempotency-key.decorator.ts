import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

const HEADER = 'idempotency-key';
/** 1..200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * The client's Idempotency-Key header (1..200 visible ASCII characters), or undefined without one.
 * A POST repeated with the same key gets the first one's result instead of a second effect.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => {
    const given = ctx.switchToHttp().getRequest<FastifyRequest>().headers[HEADER];
    if (given === undefined) return undefined;
    if (typeof given !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(given)) {
      throw new BadRequestException(
        'Idempotency-Key must be 1..200 visible ASCII characters (a UUID is a good choice)',
      );
    }
    return given;
  },
);
