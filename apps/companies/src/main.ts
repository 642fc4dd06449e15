import { bootstrapService } from '#messaging';
import { CompaniesModule } from './companies.module.js';
import { loadCompaniesConfig } from './config/companies.config.js';

const config = loadCompaniesConfig();
await bootstrapService(CompaniesModule.register(config), {
  name: 'companies',
  kafka: config,
  port: config.PORT,
  host: config.HOST,
  logLevel: config.LOG_LEVEL,
});
