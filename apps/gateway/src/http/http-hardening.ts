import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
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

/** Security headers (helmet), CORS only for CORS_ORIGINS, and a warning when authentication is off. */
export async function registerHttpHardening(
  app: NestFastifyApplication,
  env: AuthEnv,
): Promise<void> {
  await app.register(helmet, {
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
