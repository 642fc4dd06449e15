import { bootstrapService } from '#messaging';
import { loadPeopleConfig } from './config/people.config.js';
import { PeopleModule } from './people.module.js';

const config = loadPeopleConfig();
await bootstrapService('people', PeopleModule.register(config), config);
