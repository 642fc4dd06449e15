import { AddOutboxTraceparent1796169600000, OutboxMessageEntity } from '#outbox';
import { AddIdempotencyKeyExpiry1796083200000, serviceDataSourceOptions } from '#persistence';
import { PersonEntity } from '../person/person.entity.js';
import { CreatePeople1732406400000 } from './migrations/1732406400000-create-people.js';
import { AddPersonEmail1732492800000 } from './migrations/1732492800000-add-person-email.js';
import { AddIdempotencyKeys1764115200000 } from './migrations/1764115200000-add-idempotency-keys.js';

/** Migrations in the order they apply; a new one goes at the end. */
export const PEOPLE_MIGRATIONS = [
  CreatePeople1732406400000,
  AddPersonEmail1732492800000,
  AddIdempotencyKeys1764115200000,
  AddIdempotencyKeyExpiry1796083200000,
  AddOutboxTraceparent1796169600000,
];

/** The one set of DataSource options used by the app, the migration CLI and the tests. */
export const peopleDataSourceOptions = (url: string, poolSize?: number) =>
  serviceDataSourceOptions({
    url,
    poolSize,
    applicationName: 'people',
    entities: [PersonEntity, OutboxMessageEntity],
    migrations: PEOPLE_MIGRATIONS,
  });
