import { HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { TokenVerifier } from '../auth/token-verifier.js';

/** Health checks and the orchestrator's probes are never limited. */
const HEALTH_PATHS = new Set(['/health', '/health/live', '/health/ready']);

/**
 * Per-client request limit (RATE_LIMIT per minute; 0 = off), counted in this replica's memory: the
 * client is the verified token's subject, else the address. 429 problem+json with Retry-After.
 */
export async function registerRateLimit(
  app: NestFastifyApplication,
  perMinute: number,
  verifier: TokenVerifier,
): Promise<void> {
  if (perMinute === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => HEALTH_PATHS.has(request.url),
    keyGenerator: async (request: FastifyRequest) => {
      if (!verifier.disabled) {
        // A bad or absent token is counted against the address (and answered 401 by the guard).
        const principal = await verifier.principalOf(request).catch(() => undefined);
        if (principal?.subject) return `sub:${principal.subject}`;
      }
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        `more than ${context.max} requests a minute; retry in ${context.after}`,
        429,
      ),
  });
}
