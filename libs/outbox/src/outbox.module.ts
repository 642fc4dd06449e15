import {
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { KAFKA_PRODUCER } from '#messaging';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxWriter } from './outbox.writer.js';

/**
 * Starts the relay with the app and stops it before shutdown, so it sends its batch in flight
 * while the producer (closed by MessagingModule in onApplicationShutdown) is still connected.
 */
@Injectable()
export class OutboxLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * The app's transactional outbox, in the database of its TypeORM DataSource: the writer services
 * append events with, and the relay that sends them with MessagingModule's producer.
 */
@Module({})
export class OutboxModule {
  static forRoot(): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [
        OutboxWriter,
        {
          provide: OutboxRelay,
          inject: [getDataSourceToken(), KAFKA_PRODUCER],
          useFactory: (dataSource: DataSource, producer: Producer) =>
            new OutboxRelay(dataSource, producer),
        },
        OutboxLifecycle,
      ],
      exports: [OutboxWriter, OutboxRelay],
    };
  }
}
