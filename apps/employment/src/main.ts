import { bootstrapService } from '#messaging';
import { loadEmploymentConfig } from './config/employment.config.js';
import { EMPLOYMENT_ROUTES } from './employment.routes.js';
import { EmploymentModule } from './employment.module.js';

const config = loadEmploymentConfig();
await bootstrapService('employment', EmploymentModule.register(config), EMPLOYMENT_ROUTES, config);
