import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync, randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import {
  SpanKind,
  activeTraceContext,
  activeTraceId,
  inSpan,
  linkTo,
  withTraceContext,
} from '../tracing/trace-context.js';

/** What every log line written for one client request carries, in every process it reaches. */
export interface LogContext {
  correlationId: string;
  /** W3C trace id: 32 lowercase hex digits, not all zero (the OpenTelemetry trace's, when tracing is on). */
  traceId: string;
  /** While tracing is on: the OpenTelemetry context the work was entered in (its span). */
  trace?: Context;
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
  return randomHex(16);
}

/**
 * The log context of work entered for a request with `correlationId` and `traceparent`: with
 * tracing on, the trace id is the active span's (OpenTelemetry replaced a malformed traceparent
 * already), else the traceparent's when well-formed, else a fresh one.
 */
export function logContextOf(correlationId: string, traceparent: unknown): LogContext {
  const traceId = activeTraceId();
  if (traceId === undefined) return { correlationId, traceId: traceIdFrom(traceparent) };
  return { correlationId, traceId, trace: activeTraceContext() };
}

/** A `traceparent` naming `traceId` with a fresh parent span id, to pass the trace on. */
export function traceparentOf(traceId: string): string {
  return `00-${traceId}-${randomHex(8)}-01`;
}

/**
 * Random bytes for ids, taken from a pool filled 4 KiB at a time: a `randomBytes` call per id was
 * a visible share of a GET's CPU in the gateway (two per request). Ids are not secrets.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** `bytes` random bytes as lowercase hex, never all zero. */
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, (used += bytes));
  return /^0+$/.test(hex) ? randomHex(bytes) : hex;
}

/**
 * Runs work done for several requests at once (a group commit, a batch) in their log context when
 * they all share one correlation id, else in none: a line must never name the wrong request. With
 * tracing on, the work is a child of their span when they share one trace, else a span of its own
 * (`name`) in a new trace, linked to each of theirs.
 */
export function runInSharedLogContext<T>(
  contexts: Array<LogContext | undefined>,
  work: () => Promise<T>,
  name = 'shared work',
): Promise<T> {
  const first = contexts[0];
  const shared = first && contexts.every((c) => c?.correlationId === first.correlationId);
  const logged = () => (shared ? storage.run(first, work) : storage.exit(work));
  const traced = contexts.filter((c) => c?.trace);
  if (traced.length === 0) return logged();
  if (traced.every((c) => c!.traceId === traced[0]!.traceId)) {
    return withTraceContext(traced[0]!.trace, logged);
  }
  const links = traced.flatMap((c) => linkTo(c!.trace));
  return inSpan(name, { kind: SpanKind.INTERNAL, links }, logged, ROOT_CONTEXT);
}
