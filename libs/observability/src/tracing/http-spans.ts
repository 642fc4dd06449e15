import { ROOT_CONTEXT, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { SpanKind, contextOfTraceparent, startSpan, withTraceContext } from './trace-context.js';
import { tracingOn } from './tracing-switch.js';

/** Probes and scrapes are not traced: they would bury the requests that matter. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

const spans = new WeakMap<IncomingMessage, Span>();

/**
 * The SERVER span of one HTTP request, started the first time anyone asks (the request's child
 * logger asks before any hook runs, at LOG_LEVEL debug), child of a well-formed `traceparent` (a
 * malformed one starts a new trace). Undefined while tracing is off and for probes and scrapes.
 */
export function httpServerSpan(raw: IncomingMessage): Span | undefined {
  if (!tracingOn() || UNTRACED_PATHS.test(raw.url ?? '')) return undefined;
  let span = spans.get(raw);
  if (!span) {
    const traceparent = raw.headers.traceparent;
    const parent = contextOfTraceparent(Array.isArray(traceparent) ? traceparent[0] : traceparent);
    span = startSpan(raw.method ?? 'HTTP', { kind: SpanKind.SERVER }, parent);
    spans.set(raw, span);
  }
  return span;
}

/**
 * One SERVER span per HTTP request (httpServerSpan), named by its route template once Fastify
 * matched it (`POST /employees`, never the path the client sent; the method alone when no route
 * matched), ended with the response's status. The rest of the request runs in its context: the
 * hooks registered after this one (the log context's among them) and the handler.
 *
 * Why not @opentelemetry/instrumentation-http: it patches the `http` module and records a dozen
 * attributes per request whether the request is sampled or not; it was the largest single share
 * of tracing's cost in the gateway's profile (docs/benchmarks.md). Call before bindHttpLogContext.
 */
export function traceHttpRequests(fastify: FastifyInstance): void {
  if (!tracingOn()) return;
  fastify.addHook('onRequest', (request, _reply, done) => {
    const span = httpServerSpan(request.raw);
    if (!span) return done();
    // An unsampled request's span records nothing: no name or attributes to work out for it
    // (`routeOptions` builds an object of a dozen fields on every read).
    if (span.isRecording()) describeRequest(span, request);
    withTraceContext(trace.setSpan(ROOT_CONTEXT, span), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = takeHttpServerSpan(request.raw);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      // A 4xx is the client's doing: the server span fails on 5xx only (HTTP semantic conventions).
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    takeHttpServerSpan(request.raw)
      ?.setStatus({ code: SpanStatusCode.ERROR, message: 'the client closed the connection' })
      .end();
    done();
  });
}

/** Names `span` by the request's route template and records the request's attributes. */
function describeRequest(span: Span, request: FastifyRequest): void {
  const route = request.routeOptions.url;
  if (route) span.updateName(`${request.method} ${route}`);
  span.setAttributes({
    'http.request.method': request.method,
    ...(route ? { 'http.route': route } : {}),
    'url.scheme': request.protocol,
  });
}

/** The request's span, if it has one, forgotten here: the caller ends it. */
function takeHttpServerSpan(raw: IncomingMessage): Span | undefined {
  const span = spans.get(raw);
  spans.delete(raw);
  return span;
}
