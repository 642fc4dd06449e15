import { DependencyUnavailableError, RpcFailure } from './rpc-errors.js';

interface ErrorLike {
  name?: string;
  retriable?: boolean;
  cause?: unknown;
  code?: string;
  message?: string;
  driverError?: { code?: string };
}

/** Work that found the world not ready yet (another replica's commit pending): try again shortly. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

/** Work given up after `attempts` tries over `elapsedMs`; transient exactly when its last error was. */
export class GaveUpError extends Error {
  override readonly name = 'GaveUpError';

  constructor(
    message: string,
    override readonly cause: unknown,
    readonly attempts: number,
    readonly elapsedMs: number,
  ) {
    super(message, { cause });
  }
}

/** PostgreSQL SQLSTATEs that a retry can fix: serialization failure, deadlock, lock timeout, out of resources, shutdown. */
const RETRYABLE_SQLSTATE = /^(08|53|57P|40001$|40P01$|55P03$)/;
const SOCKET_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'];

/** A lost or refused database connection (PostgreSQL classes 08 and 57P, socket errors, pool timeouts). */
export function isDatabaseConnectionError(error: unknown): boolean {
  const e = (error ?? {}) as ErrorLike;
  const code = e.driverError?.code ?? e.code ?? '';
  return (
    /^(08|57P)/.test(code) ||
    SOCKET_ERRORS.includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      e.message ?? '',
    )
  );
}

/**
 * True when retrying the same work later can succeed: a dependency that could not be asked or
 * answered 503, a lost database or broker connection, a serialization failure or deadlock. Anything
 * else (a 4xx or 500 reply, a constraint nobody expected, a bug) fails again on every retry.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof DependencyUnavailableError || error instanceof RetryLaterError) return true;
  if (error instanceof RpcFailure) return error.error.status === 503;
  if (error instanceof GaveUpError) return isTransientError(error.cause);
  const e = (error ?? {}) as ErrorLike;
  if (e.name?.startsWith('KafkaJS')) return isTransientKafkaError(e);
  const code = e.driverError?.code ?? e.code ?? '';
  return RETRYABLE_SQLSTATE.test(code) || isDatabaseConnectionError(error);
}

/** kafkajs marks what its own retries may fix; once they are spent, the cause tells (broker gone vs. message refused). */
function isTransientKafkaError(e: ErrorLike): boolean {
  if (e.retriable) return true;
  if (e.name === 'KafkaJSNumberOfRetriesExceeded' || e.name === 'KafkaJSNonRetriableError') {
    const cause = e.cause as ErrorLike | undefined;
    return cause === undefined || cause === e || isTransientKafkaError(cause);
  }
  return ['KafkaJSLockTimeout', 'KafkaJSTimeout', 'KafkaJSGroupCoordinatorNotFound'].includes(
    e.name ?? '',
  );
}
