import type { OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import type { ErrorCode } from '#contracts';
import { problemResponse } from './route-docs.js';

type Operation = Record<string, unknown> & {
  responses: Record<string, unknown>;
  security?: unknown[];
  requestBody?: unknown;
};

const METHODS = ['get', 'post', 'patch', 'delete', 'put'] as const;
/** As in AuthGuard: these need the `read` scope, every other method `write`. */
const READ_METHODS = new Set(['get', 'head', 'options']);
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

const withHeaders = (
  response: ResponseObject,
  headers: Record<string, string>,
): ResponseObject => ({
  ...response,
  headers: Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [
      name,
      { description, schema: { type: 'string' } },
    ]),
  ),
});

/** Answers that come from the global guard, rate limit, body parser and Kafka client, not from a route. */
const RESPONSES = {
  Unauthorized: withHeaders(problemResponse(401), {
    'WWW-Authenticate': 'Bearer challenge (RFC 6750); error="invalid_token" for a bad token',
  }),
  Forbidden: withHeaders(problemResponse(403), {
    'WWW-Authenticate': 'Bearer challenge naming the missing scope (error="insufficient_scope")',
  }),
  TooManyRequests: withHeaders(problemResponse(429), {
    'Retry-After': 'seconds until the client may send again',
  }),
  ContentTooLarge: problemResponse(413),
  UnsupportedMediaType: problemResponse(415),
  UriTooLong: problemResponse(414),
  DependencyUnavailable: problemResponse(503, ['DEPENDENCY_UNAVAILABLE' satisfies ErrorCode]),
  InternalServerError: problemResponse(500),
};

/**
 * Adds to every operation what the app applies to all routes: the bearer scope the guard checks
 * (a route documented with `security: []` is public), 401/403/429 for guarded routes, 413/415 for
 * routes with a body, 414 for an over-long path parameter, 503 when a service does not answer, 500.
 */
export function addCrossCuttingAnswers(document: OpenAPIObject): void {
  document.components = { ...document.components, responses: RESPONSES };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const answers: Record<string, unknown> = {};
      if (!(operation.security && operation.security.length === 0)) {
        operation.security = [{ bearer: [READ_METHODS.has(method) ? 'read' : 'write'] }];
        Object.assign(answers, {
          401: ref('Unauthorized'),
          403: ref('Forbidden'),
          429: ref('TooManyRequests'),
          503: ref('DependencyUnavailable'),
        });
      }
      if (operation.requestBody) {
        Object.assign(answers, { 413: ref('ContentTooLarge'), 415: ref('UnsupportedMediaType') });
      }
      if (path.includes('{')) answers[414] = ref('UriTooLong');
      answers[500] = ref('InternalServerError');
      operation.responses = sortByStatus({ ...answers, ...operation.responses });
    }
  }
}

function sortByStatus(responses: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}
