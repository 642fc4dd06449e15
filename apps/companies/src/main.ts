import { bootstrapService } from '#messaging';
import { loadCompaniesConfig } from './config/companies.config.js';
import { CompaniesModule } from './companies.module.js';

const config = loadCompaniesConfig();
await bootstrapService('companies', CompaniesModule.register(config), config);
