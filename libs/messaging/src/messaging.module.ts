import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { Partitioners, type Kafka } from 'kafkajs';
import type { KafkaEnv } from '#config';
import type { ReplyTopic } from '#contracts';
import { createKafka } from './kafka/kafka-client.factory.js';
import {
  createWholeSendProducer,
  REQUEST_SEND_POLICY,
  type WholeSendProducer,
} from './kafka/whole-send-producer.js';
import { KAFKA, KAFKA_PRODUCER } from './messaging.tokens.js';
import { ConsumerReadiness } from './health/consumer-readiness.js';
import { KafkaHealth } from './health/kafka-health.js';
import { MessagingLifecycle } from './messaging.lifecycle.js';
import { KafkaRequester } from './rpc/kafka-requester.js';

export interface MessagingOptions {
  /** Names the app in client ids and logs. */
  clientId: string;
  kafka: KafkaEnv;
  /** Set when the app asks other services: the reply topic its replicas share. */
  replyTopic?: ReplyTopic;
}

/** Kafka plumbing for one app: producer and request/reply client (the outbox is OutboxModule's, in #outbox). */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: KAFKA, useFactory: () => createKafka(options.kafka, options.clientId) },
      {
        provide: KAFKA_PRODUCER,
        inject: [KAFKA],
        useFactory: async (kafka: Kafka) => {
          const producer = createWholeSendProducer(kafka, {
            allowAutoTopicCreation: false,
            createPartitioner: Partitioners.DefaultPartitioner,
          });
          await producer.connect();
          return producer;
        },
      },
      MessagingLifecycle,
      KafkaHealth,
      ConsumerReadiness,
    ];
    const exported: Array<symbol | Type<unknown>> = [
      KAFKA,
      KAFKA_PRODUCER,
      KafkaHealth,
      ConsumerReadiness,
    ];
    if (options.replyTopic) {
      const replyTopic = options.replyTopic;
      providers.push({
        provide: KafkaRequester,
        inject: [KAFKA, KAFKA_PRODUCER, ConsumerReadiness],
        useFactory: (kafka: Kafka, producer: WholeSendProducer, readiness: ConsumerReadiness) =>
          new KafkaRequester(kafka, producer.withPolicy(REQUEST_SEND_POLICY), {
            replyTopic,
            timeoutMs: options.kafka.REQUEST_TIMEOUT_MS,
            readiness,
          }),
      });
      exported.push(KafkaRequester);
    }
    return { module: MessagingModule, global: true, providers, exports: exported };
  }
}
