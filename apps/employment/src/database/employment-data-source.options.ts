import { OutboxMessageEntity } from '#outbox';
import { serviceDataSourceOptions } from '#persistence';
import { DeletedPartyEntity } from '../consistency/deleted-party.entity.js';
import { ProcessedEventEntity } from '../consistency/processed-event.entity.js';
import { EmployeeEntity } from '../employee/employee.entity.js';
import { HireRequestEntity } from '../hiring/hire-request.entity.js';
import { CreateEmployment1732406400000 } from './migrations/1732406400000-create-employment.js';
import { AddIdempotencyKeys1764115200000 } from './migrations/1764115200000-add-idempotency-keys.js';

/** Migrations in the order they apply; a new one goes at the end. */
export const EMPLOYMENT_MIGRATIONS = [
  CreateEmployment1732406400000,
  AddIdempotencyKeys1764115200000,
];

/** The one set of DataSource options used by the app, the migration CLI and the tests. */
export const employmentDataSourceOptions = (url: string, poolSize?: number) =>
  serviceDataSourceOptions({
    url,
    poolSize,
    applicationName: 'employment',
    entities: [
      EmployeeEntity,
      HireRequestEntity,
      DeletedPartyEntity,
      ProcessedEventEntity,
      OutboxMessageEntity,
    ],
    migrations: EMPLOYMENT_MIGRATIONS,
  });
