import {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type FastifyRequest,
} from 'fastify';
import type { IncomingMessage } from 'node:http';
import { AsyncResource } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { LogLevelName } from './app-logger.js';
import { activeTraceContext } from '../tracing/trace-context.js';
import { httpServerSpan } from '../tracing/http-spans.js';
import { correlationIdFrom, runWithLogContext, traceIdFrom } from './log-context.js';

/** The header a client may name its correlation id with; the gateway echoes it. */
export const CORRELATION_HEADER = 'x-correlation-id';

/** Each request's trace id, worked out once (a malformed traceparent gets one fresh id, not two). */
const traceIds = new WeakMap<IncomingMessage, string>();

/** The request's trace id: its HTTP span's while tracing is on, else from its traceparent. */
function traceIdOf(raw: IncomingMessage): string {
  let traceId = traceIds.get(raw);
  if (!traceId) {
    traceId = httpServerSpan(raw)?.spanContext().traceId ?? traceIdFrom(raw.headers.traceparent);
    traceIds.set(raw, traceId);
  }
  return traceId;
}

/**
 * Fastify options that make `logger` Fastify's own: the request id is the correlation id (the
 * client's when well-formed, else a fresh one: a malformed one is never logged or echoed), and every
 * line written for a request carries it and the trace id, Fastify's own included.
 *
 * Fastify's two lines per request ("incoming request", "request completed") are written at
 * LOG_LEVEL debug or verbose only (at the default, info, they were two synchronous writes per
 * request). Then each request gets a child logger with both ids bound (its first line comes before
 * the log context is entered); at other levels the request's logger is the app's own, and the ids
 * come from the log context when a line is written (createAppLogger's mixin): no child logger is
 * made per request.
 */
export function fastifyLogging(logger: Logger, level: LogLevelName = 'debug') {
  const requestLines = level === 'debug' || level === 'verbose';
  return {
    loggerInstance: logger,
    // With a LogController, Fastify reads disableRequestLogging from it, not from its own options.
    logController: new LogController({
      requestIdLogLabel: 'correlationId',
      disableRequestLogging: !requestLines,
    }),
    genReqId: (request: IncomingMessage) => correlationIdFrom(request.headers[CORRELATION_HEADER]),
    childLoggerFactory: ((
      parent: FastifyBaseLogger,
      bindings: Record<string, unknown>,
      options: Parameters<FastifyBaseLogger['child']>[1],
      raw: IncomingMessage,
    ) =>
      requestLines
        ? parent.child({ ...bindings, traceId: traceIdOf(raw) }, options)
        : parent) as FastifyServerOptions['childLoggerFactory'],
  };
}

const scopes = new WeakMap<FastifyRequest, AsyncResource>();

/**
 * Every line written while handling a request carries its correlation id and trace id (from a
 * well-formed `traceparent`, else a fresh one). The context is entered at onRequest and entered
 * again after the body is read (@fastify/request-context's way: body parsing loses it).
 */
export function bindHttpLogContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context = {
      correlationId: request.id,
      traceId: traceIdOf(request.raw),
      trace: activeTraceContext(),
    };
    runWithLogContext(context, () => {
      scopes.set(request, new AsyncResource('log-context'));
      done();
    });
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const scope = scopes.get(request);
    if (scope) scope.runInAsyncScope(done);
    else done();
  });
}
