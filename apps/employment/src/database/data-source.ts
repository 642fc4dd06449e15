import { DataSource } from 'typeorm';
import { loadEmploymentConfig } from '../config/employment.config.js';
import { employmentDataSourceOptions } from './employment-data-source.options.js';

/** For the TypeORM CLI: `npm run migration -- employment run|revert|show`. */
export default new DataSource(employmentDataSourceOptions(loadEmploymentConfig().DATABASE_URL));
