import { bootstrapService } from '#messaging';
import { loadCompaniesConfig } from './config/companies.config.js';
import { COMPANIES_ROUTES } from './companies.routes.js';
import { CompaniesModule } from './companies.module.js';

const config = loadCompaniesConfig();
await bootstrapService('companies', CompaniesModule.register(config), COMPANIES_ROUTES, config);
