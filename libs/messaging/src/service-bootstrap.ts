import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { allTopics } from '#contracts';
import type { ServiceEnv } from '#config';
import {
  METRICS_PATH,
  NestPinoLogger,
  createAppLogger,
  logProcessWarnings,
  serveMetrics,
  setRequestMetricsEnabled,
  startProcessMetrics,
} from '#observability';
import { createKafka } from './kafka/kafka-client.factory.js';
import { ConsumerReadiness } from './health/consumer-readiness.js';
import { ensureTopics } from './kafka/topic-admin.js';
import { MessageRouter } from './router/message-router.js';
import type { AppRoutes } from './router/routes.js';

/**
 * Creates the app (with `/metrics`), ensures the topics, connects the message router (every topic
 * of `routes`), starts it and listens.
 */
export async function bootstrapService(
  name: string,
  module: DynamicModule,
  routes: AppRoutes,
  config: ServiceEnv,
): Promise<INestApplication> {
  startProcessMetrics(name);
  setRequestMetricsEnabled(config.METRICS_ENABLED);
  const logger = createAppLogger({
    service: name,
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
  });
  logProcessWarnings(logger);
  const app = await NestFactory.create(module, new FastifyAdapter(), {
    logger: new NestPinoLogger(logger),
  });
  app.enableShutdownHooks();
  serveMetrics(app);
  await ensureTopics(createKafka(config, `${name}-admin`), allTopics());
  const router = new MessageRouter(
    createKafka(config, `${name}-router`),
    routes,
    (type) => app.get(type, { strict: false }),
    {
      commitIntervalMs: config.OFFSET_COMMIT_INTERVAL_MS,
      readiness: app.get(ConsumerReadiness),
    },
  );
  app.connectMicroservice<MicroserviceOptions>({ strategy: router }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  const url = await app.getUrl();
  Logger.log(
    `${name} ready; health on ${url}/health (/live, /ready), metrics on ${url}${METRICS_PATH}`,
    'Bootstrap',
  );
  return app;
}
