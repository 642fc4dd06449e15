import { bootstrapService } from '#messaging';
import { loadPeopleConfig } from './config/people.config.js';
import { PeopleModule } from './people.module.js';

const config = loadPeopleConfig();
await bootstrapService(PeopleModule.register(config), {
  name: 'people',
  kafka: config,
  port: config.PORT,
  host: config.HOST,
  logLevel: config.LOG_LEVEL,
});
