import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { BatchConsumer } from './batch-consumer.js';

/** Base of a Nest provider owning a BatchConsumer: starts with the app, stops before the database pool closes. */
export abstract class ConsumerLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected abstract readonly consumer: BatchConsumer;

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
