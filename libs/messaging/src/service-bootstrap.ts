import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { MAX_MESSAGE_BYTES, PARTITIONS, allTopics } from '#contracts';
import { nestLogLevels, type KafkaEnv, type ServiceEnv } from '#config';
import { createKafka } from './kafka/kafka-client.factory.js';
import { ensureTopics } from './kafka/topic-admin.js';
import { BatchRequestServer } from './rpc/batch-request-server.js';

/** The transport answering a service's request/reply patterns: a batch per fetch, one produce of replies. */
export function serviceTransport(name: string, kafka: KafkaEnv): BatchRequestServer {
  return new BatchRequestServer(createKafka(kafka, `${name}-server`), {
    groupId: name,
    partitionsConsumedConcurrently: PARTITIONS.requests,
    // Bounded fetches: requests are small (the gateway caps bodies at 64 KiB).
    maxBytesPerPartition: MAX_MESSAGE_BYTES,
    maxBytes: 8 * MAX_MESSAGE_BYTES,
  });
}

/** Creates the app, ensures the topics, connects the Kafka microservice, starts it and listens. */
export async function bootstrapService(
  name: string,
  module: DynamicModule,
  config: ServiceEnv,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, new FastifyAdapter(), {
    logger: nestLogLevels(config.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  await ensureTopics(createKafka(config, `${name}-admin`), allTopics());
  app.connectMicroservice<MicroserviceOptions>(
    { strategy: serviceTransport(name, config) },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  Logger.log(`${name} ready; health on ${await app.getUrl()}/health`, 'Bootstrap');
  return app;
}
