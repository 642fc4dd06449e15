import { Logger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Partitioners } from 'kafkajs';
import { PARTITIONS, allTopics } from '#contracts';
import { nestLogLevels, type KafkaEnv } from '#config';
import { createKafka, kafkaClientConfig } from './kafka/kafka-client.factory.js';
import { ensureTopics } from './kafka/topic-admin.js';

export interface ServiceBootOptions {
  /** Service name: the consumer group its replicas share. */
  name: string;
  kafka: KafkaEnv;
  /** HTTP port for /health; 0 picks a free one. */
  port: number;
  host: string;
  logLevel: Parameters<typeof nestLogLevels>[0];
}

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
  module: DynamicModule,
  options: ServiceBootOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, new FastifyAdapter(), {
    logger: nestLogLevels(options.logLevel),
  });
  app.enableShutdownHooks();
  await ensureTopics(createKafka(options.kafka, `${options.name}-admin`), allTopics());
  app.connectMicroservice<MicroserviceOptions>(serviceTransport(options.name, options.kafka), {
    inheritAppConfig: true,
  });
  await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  Logger.log(`${options.name} ready; health on ${await app.getUrl()}/health`, 'Bootstrap');
  return app;
}
