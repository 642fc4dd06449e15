import { AddOutboxTraceparent1796169600000, OutboxMessageEntity } from '#outbox';
import { AddIdempotencyKeyExpiry1796083200000, serviceDataSourceOptions } from '#persistence';
import { CompanyEntity } from '../company/company.entity.js';
import { CreateCompanies1732406400000 } from './migrations/1732406400000-create-companies.js';
import { AddIdempotencyKeys1764115200000 } from './migrations/1764115200000-add-idempotency-keys.js';

/** Migrations in the order they apply; a new one goes at the end. */
export const COMPANIES_MIGRATIONS = [
  CreateCompanies1732406400000,
  AddIdempotencyKeys1764115200000,
  AddIdempotencyKeyExpiry1796083200000,
  AddOutboxTraceparent1796169600000,
];

/** The one set of DataSource options used by the app, the migration CLI and the tests. */
export const companiesDataSourceOptions = (url: string, poolSize?: number) =>
  serviceDataSourceOptions({
    url,
    poolSize,
    applicationName: 'companies',
    entities: [CompanyEntity, OutboxMessageEntity],
    migrations: COMPANIES_MIGRATIONS,
  });
