import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Partitioners } from 'kafkajs';
import { MAX_MESSAGE_BYTES, PARTITIONS, allTopics } from '#contracts';
import { nestLogLevels, type KafkaEnv, type ServiceEnv } from '#config';
import { createKafka, kafkaClientConfig } from './kafka/kafka-client.factory.js';
import { ensureTopics } from './kafka/topic-admin.js';

/** Nest's ServerKafka options for a service answering request/reply patterns. */
export function serviceTransport(name: string, kafka: KafkaEnv): MicroserviceOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: kafkaClientConfig(kafka, `${name}-server`),
      consumer: {
        groupId: name,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: 100,
        allowAutoTopicCreation: false,
        // Bounded fetches: requests are small (the gateway caps bodies at 64 KiB).
        maxBytesPerPartition: MAX_MESSAGE_BYTES,
        maxBytes: 8 * MAX_MESSAGE_BYTES,
      },
      producer: {
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      },
      // A new group must not skip requests sent while it was joining; stale ones carry a deadline
      // that RpcReplyInterceptor enforces, so reading from the beginning never does late work.
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: PARTITIONS.requests },
    },
  };
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
  app.connectMicroservice<MicroserviceOptions>(serviceTransport(name, config), {
    inheritAppConfig: true,
  });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  Logger.log(`${name} ready; health on ${await app.getUrl()}/health`, 'Bootstrap');
  return app;
}
