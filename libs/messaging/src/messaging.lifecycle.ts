import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { KAFKA_PRODUCER } from './messaging.tokens.js';
import { KafkaRequester } from './rpc/kafka-requester.js';

/**
 * Starts the requester with the app. At shutdown the requester stops only after the HTTP server and
 * the request server have finished the requests in flight (Nest closes those between
 * beforeApplicationShutdown, where OutboxModule stops the relay, and onApplicationShutdown), so a
 * request that is being answered is not failed with 503; the producer is closed last.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Optional() private readonly requester?: KafkaRequester,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.requester?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.requester?.stop();
    await this.producer.disconnect();
  }
}
