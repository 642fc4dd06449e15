import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { AuthEnv } from '../auth/auth-env.schema.js';

/** Fastify server options that bound how long a client may hold a connection or trickle a request. */
export function serverTimeouts(env: AuthEnv) {
  return {
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    connectionTimeout: env.HTTP_REQUEST_TIMEOUT_MS * 2,
    keepAliveTimeout: 72_000,
    maxParamLength: 100,
    // The rate limit counts per address when there is no token: behind a balancer, the client's.
    trustProxy:
      typeof env.TRUST_PROXY === 'number'
        ? (_address: string, hop: number) => hop < (env.TRUST_PROXY as number)
        : env.TRUST_PROXY,
  };
}

/**
 * Helmet's headers for `options`, worked out once: without nonces they are the same for every
 * response, and running helmet per request cost the gateway 5 % of its CPU.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let done = false;
  helmet(options)({} as never, response as never, () => (done = true));
  if (!done)
    throw new Error('helmet did not finish synchronously; its headers cannot be precomputed');
  return headers;
}

/** Security headers (helmet), CORS only for CORS_ORIGINS, and a warning when authentication is off. */
export function registerHttpHardening(app: NestFastifyApplication, env: AuthEnv): void {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      // The OpenAPI UI at /docs loads its own scripts and styles and inline styles; nothing else does.
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // TLS usually ends in front of the gateway; plain-http /docs must still load its scripts.
        upgradeInsecureRequests: null,
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  if (env.CORS_ORIGINS.length) {
    app.enableCors({
      origin: env.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-correlation-id', 'idempotency-key'],
      maxAge: 600,
    });
  }
  if (env.AUTH_DISABLED) {
    new Logger('Auth').warn(
      'AUTH_DISABLED=true: every route answers anyone without a token. Never run so in production.',
    );
  }
}
