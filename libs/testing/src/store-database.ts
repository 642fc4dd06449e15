import type { DataSource } from 'typeorm';
import { addIdempotencyKeyExpiry, createIdempotencyKeysTable } from '#persistence';
import { openTestDatabase, type MigratedDatabase } from './migrated-database.js';

/** A throw-away database holding only the duplicate-request store (idempotency_keys), opened. */
export function storeTestDatabase(name: string): Promise<MigratedDatabase> {
  return openTestDatabase(name, (url) => ({ type: 'postgres', url }), createStore);
}

async function createStore(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await createIdempotencyKeysTable(runner);
  await addIdempotencyKeyExpiry(runner);
  await runner.release();
}
