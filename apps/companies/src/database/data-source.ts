import { DataSource } from 'typeorm';
import { loadCompaniesConfig } from '../config/companies.config.js';
import { companiesDataSourceOptions } from './companies-data-source.options.js';

/** For the TypeORM CLI: `npm run migration -- companies run|revert|show`. */
export default new DataSource(companiesDataSourceOptions(loadCompaniesConfig().DATABASE_URL));
