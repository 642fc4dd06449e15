import { bootstrapService } from '#messaging';
import { loadPeopleConfig } from './config/people.config.js';
import { PEOPLE_ROUTES } from './people.routes.js';
import { PeopleModule } from './people.module.js';

const config = loadPeopleConfig();
await bootstrapService('people', PeopleModule.register(config), PEOPLE_ROUTES, config);
