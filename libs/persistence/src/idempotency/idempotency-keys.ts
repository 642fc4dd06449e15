import { createHash } from 'node:crypto';
import { ERROR_CODES } from '#contracts';
import { RpcFailure } from '#core';

/** The unique constraint a second write with the same Idempotency-Key runs into. */
export const IDEMPOTENCY_KEYS_PKEY = 'idempotency_keys_pkey';

/** What identifies "the same request" under one key: a hash of its JSON. */
export function requestHashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/** 422 for a key sent again with another request. */
export function keyReusedFailure(): RpcFailure {
  return RpcFailure.unprocessable(
    ERROR_CODES.idempotencyKeyReused,
    'this Idempotency-Key was used with a different request; use a new key for a new request',
  );
}
