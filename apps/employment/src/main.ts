import { bootstrapService } from '#messaging';
import { loadEmploymentConfig } from './config/employment.config.js';
import { EmploymentModule } from './employment.module.js';

const config = loadEmploymentConfig();
await bootstrapService('employment', EmploymentModule.register(config), config);
