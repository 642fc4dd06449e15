import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '#messaging';
import { OutboxModule } from '#outbox';
import { ServiceHealthController } from '#service';
import { ServiceDatabaseModule } from '#persistence';
import { loadPeopleConfig, type PeopleConfig } from './config/people.config.js';
import { peopleDataSourceOptions } from './database/people-data-source.options.js';

import { PersonHandlers } from './person/person.handlers.js';
import { PersonService } from './person/person.service.js';

@Module({})
export class PeopleModule {
  static register(config: PeopleConfig = loadPeopleConfig()): DynamicModule {
    return {
      module: PeopleModule,
      imports: [
        ServiceDatabaseModule.forRoot(
          peopleDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
        ),
        MessagingModule.forRoot({
          clientId: 'people',
          kafka: config,
        }),
        OutboxModule.forRoot(),
      ],
      controllers: [PersonHandlers, ServiceHealthController],
      providers: [PersonService],
    };
  }
}
