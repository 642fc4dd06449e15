import { DataSource } from 'typeorm';
import { loadPeopleConfig } from '../config/people.config.js';
import { peopleDataSourceOptions } from './people-data-source.options.js';

/** For the TypeORM CLI: `npm run migration -- people run|revert|show`. */
export default new DataSource(peopleDataSourceOptions(loadPeopleConfig().DATABASE_URL));
