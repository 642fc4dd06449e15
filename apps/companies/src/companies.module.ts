import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '#messaging';
import { OutboxModule } from '#outbox';
import { ServiceHealthController } from '#service';
import { ServiceDatabaseModule } from '#persistence';
import { loadCompaniesConfig, type CompaniesConfig } from './config/companies.config.js';
import { companiesDataSourceOptions } from './database/companies-data-source.options.js';
import { CompanyHandlers } from './company/company.handlers.js';
import { CompanyService } from './company/company.service.js';

@Module({})
export class CompaniesModule {
  static register(config: CompaniesConfig = loadCompaniesConfig()): DynamicModule {
    return {
      module: CompaniesModule,
      imports: [
        ServiceDatabaseModule.forRoot(
          companiesDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
        ),
        MessagingModule.forRoot({
          clientId: 'companies',
          kafka: config,
        }),
        OutboxModule.forRoot(),
      ],
      controllers: [CompanyHandlers, ServiceHealthController],
      providers: [CompanyService],
    };
  }
}
