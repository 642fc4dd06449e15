import { createHash } from 'node:crypto';
import { ERROR_CODES } from '#contracts';
import { RpcFailure, type WriteContext } from '#core';

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

/**
 * How long the id of a handled request is kept. A copy is delivered again only after a crash that
 * came before its offset was committed (every 100 ms by default), and the router skips a request
 * past its caller's deadline (REQUEST_TIMEOUT_MS, at most 120 s); an hour covers both many times.
 */
export const REQUEST_ID_RETENTION_HOURS = 1;

/** Prefix of keys that are request ids, not a client's Idempotency-Key. */
const REQUEST_KEY_PREFIX = 'request:';

/** What a write is remembered by in the duplicate-request store, and for how long. */
export interface WriteKey {
  key: string;
  /** Hours the key answers repeats; undefined: the store's retention. */
  retentionHours?: number;
}

/**
 * The key a write is remembered by: the client's Idempotency-Key (kept as long as the store keeps
 * keys), else the id of its request message (kept REQUEST_ID_RETENTION_HOURS, for a copy delivered
 * again after a crash), else none.
 */
export function writeKeyOf(context: WriteContext): WriteKey | undefined {
  if (context.idempotencyKey) return { key: context.idempotencyKey };
  if (context.requestId) {
    return {
      key: `${REQUEST_KEY_PREFIX}${context.requestId}`,
      retentionHours: REQUEST_ID_RETENTION_HOURS,
    };
  }
  return undefined;
}
