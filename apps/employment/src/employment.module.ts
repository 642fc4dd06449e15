import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '#messaging';
import { OutboxModule } from '#outbox';
import { ServiceHealthController } from '#service';
import { ServiceDatabaseModule } from '#persistence';
import { loadEmploymentConfig, type EmploymentConfig } from './config/employment.config.js';
import { EndEmploymentsService } from './consistency/end-employments.service.js';
import { PartyDeletionsHandler } from './consistency/party-deletions.handler.js';
import { employmentDataSourceOptions } from './database/employment-data-source.options.js';
import { EmploymentHandlers } from './employment.handlers.js';
import { EmployeeService } from './employee/employee.service.js';
import { HireRequestProcessor } from './hiring/hire-request.processor.js';
import { HiringService } from './hiring/hiring.service.js';
import { PartyVerifier } from './hiring/party-verifier.js';

@Module({})
export class EmploymentModule {
  static register(config: EmploymentConfig = loadEmploymentConfig()): DynamicModule {
    return {
      module: EmploymentModule,
      imports: [
        ServiceDatabaseModule.forRoot(
          employmentDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
        ),
        MessagingModule.forRoot({
          clientId: 'employment',
          kafka: config,
          replyTopic: 'employment.replies',
        }),
        OutboxModule.forRoot(),
      ],
      controllers: [EmploymentHandlers, ServiceHealthController],
      providers: [
        PartyVerifier,
        HiringService,
        EmployeeService,
        HireRequestProcessor,
        EndEmploymentsService,
        PartyDeletionsHandler,
      ],
    };
  }
}
