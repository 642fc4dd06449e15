import { AddOutboxTraceparent1796169600000, OutboxMessageEntity } from '#outbox';
import { AddIdempotencyKeyExpiry1796083200000, serviceDataSourceOptions } from '#persistence';
import { DeletedPartyEntity } from '../consistency/deleted-party.entity.js';
import { ProcessedEventEntity } from '../consistency/processed-event.entity.js';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { CreateEmployment1732406400000 } from './migrations/1732406400000-create-employment.js';
import { AddIdempotencyKeys1764115200000 } from './migrations/1764115200000-add-idempotency-keys.js';
import { MergeHireRequests1796083200001 } from './migrations/1796083200001-merge-hire-requests.js';

/** Migrations in the order they apply; a new one goes at the end. */
export const EMPLOYMENT_MIGRATIONS = [
  CreateEmployment1732406400000,
  AddIdempotencyKeys1764115200000,
  AddIdempotencyKeyExpiry1796083200000,
  MergeHireRequests1796083200001,
  AddOutboxTraceparent1796169600000,
];

/** The one set of DataSource options used by the app, the migration CLI and the tests. */
export const employmentDataSourceOptions = (url: string, poolSize?: number) =>
  serviceDataSourceOptions({
    url,
    poolSize,
    applicationName: 'employment',
    entities: [EmployeeEntity, DeletedPartyEntity, ProcessedEventEntity, OutboxMessageEntity],
    migrations: EMPLOYMENT_MIGRATIONS,
  });
