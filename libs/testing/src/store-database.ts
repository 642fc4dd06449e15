import { DataSource } from 'typeorm';
import { addIdempotencyKeyExpiry, createIdempotencyKeysTable } from '#persistence';
import {
  dropTestDatabases,
  queryDatabase,
  testDatabaseServer,
  testDatabaseUrl,
} from './test-databases.js';

/** A throw-away database holding only the duplicate-request store (idempotency_keys), opened. */
export async function storeTestDatabase(name: string) {
  const url = testDatabaseUrl(name);
  await queryDatabase(
    `${testDatabaseServer()}/postgres`,
    `CREATE DATABASE ${new URL(url).pathname.slice(1)}`,
  );
  const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
  const runner = dataSource.createQueryRunner();
  await createIdempotencyKeysTable(runner);
  await addIdempotencyKeyExpiry(runner);
  await runner.release();
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await dropTestDatabases(url);
    },
  };
}
