import { bootstrapService } from '#messaging';
import { loadEmploymentConfig } from './config/employment.config.js';
import { EmploymentModule } from './employment.module.js';

const config = loadEmploymentConfig();
await bootstrapService(EmploymentModule.register(config), {
  name: 'employment',
  kafka: config,
  port: config.PORT,
  host: config.HOST,
  logLevel: config.LOG_LEVEL,
});
