import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { KAFKA_PRODUCER } from './messaging.tokens.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { KafkaRequester } from './rpc/kafka-requester.js';

/**
 * Starts the requester and relay with the app. At shutdown the relay stops first; the requester
 * only after the HTTP server and the request server have finished the requests in flight (Nest
 * closes those between the two hooks), so a request that is being answered is not failed with 503.
 */
@Injectable()
export class MessagingLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    @Optional() private readonly requester?: KafkaRequester,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([this.requester?.start(), this.relay?.start()]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.requester?.stop();
    await this.producer.disconnect();
  }
}
