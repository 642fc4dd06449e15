import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { allTopics } from '#contracts';
import { createKafka, ensureTopics } from '#messaging';
import {
  NestPinoLogger,
  bindHttpLogContext,
  logProcessWarnings,
  createAppLogger,
  fastifyLogging,
  measureHttpRequests,
  traceHttpRequests,
  setRequestMetricsEnabled,
  serveMetrics,
  startProcessMetrics,
} from '#observability';
import type { GatewayConfig } from './config/gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { registerHttpHardening, serverTimeouts } from './http/http-hardening.js';
import { clientErrorHandler, frameworkErrors } from './http/framework-errors.js';
import { setUpOpenApi } from './openapi/openapi-document.js';
import { registerRateLimit } from './http/rate-limit.js';

/** Bodies over this get 413, as the contract says. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the gateway app (not yet listening): Fastify, problem+json errors, OpenAPI, /metrics. */
export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  startProcessMetrics('gateway');
  setRequestMetricsEnabled(config.METRICS_ENABLED);
  const logger = createAppLogger({
    service: 'gateway',
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
  });
  logProcessWarnings(logger);
  await ensureTopics(createKafka(config, 'gateway-admin'), allTopics());
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(config),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      frameworkErrors,
      clientErrorHandler,
      ...serverTimeouts(config),
      ...fastifyLogging(logger, config.LOG_LEVEL),
    }),
    { logger: new NestPinoLogger(logger) },
  );
  // The request's span first: its log context and the handler run in the span's context.
  traceHttpRequests(app.getHttpAdapter().getInstance());
  bindHttpLogContext(app.getHttpAdapter().getInstance());
  measureHttpRequests(app.getHttpAdapter().getInstance());
  registerHttpHardening(app, config);
  // Public, like /health: outside Nest's guards, and it answers while Kafka is down.
  serveMetrics(app);
  await registerRateLimit(app, config.RATE_LIMIT, app.get(TokenVerifier));
  setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
