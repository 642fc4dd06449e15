import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/** What every log line written for one client request carries, in every process it reaches. */
export interface LogContext {
  correlationId: string;
  /** W3C trace id: 32 lowercase hex digits, not all zero. */
  traceId: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` as the current log context (and everything it starts). */
export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** The log context of the work at hand, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** A correlation id as the gateway accepts one from a client: 1..100 safe characters. */
const CORRELATION_ID = /^[\w.:-]{1,100}$/;
/** W3C traceparent, version 00: version-traceid-parentid-flags. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** `given` when it is a well-formed correlation id, else a fresh one: never echo a raw header. */
export function correlationIdFrom(given: unknown): string {
  return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
}

/** The trace id of a well-formed `traceparent` (W3C, version 00), else a fresh one. */
export function traceIdFrom(traceparent: unknown): string {
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent) : null;
  const traceId = match?.[1];
  const parentId = match?.[2];
  if (traceId && !/^0+$/.test(traceId) && parentId && !/^0+$/.test(parentId)) return traceId;
  return randomBytes(16).toString('hex');
}

/** A `traceparent` naming `traceId` with a fresh parent span id, to pass the trace on. */
export function traceparentOf(traceId: string): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}

/**
 * Runs work done for several requests at once (a group commit, a batch) in their log context when
 * they all share one correlation id, else in none: a line must never name the wrong request.
 */
export function runInSharedLogContext<T>(
  contexts: Array<LogContext | undefined>,
  work: () => T,
): T {
  const first = contexts[0];
  const shared = first && contexts.every((c) => c?.correlationId === first.correlationId);
  return shared ? storage.run(first, work) : storage.exit(work);
}
