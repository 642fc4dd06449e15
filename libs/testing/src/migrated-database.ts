import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { runMigrationsLocked } from '#persistence';
import { dropTestDatabases, testDatabaseServer, testDatabaseUrl } from './test-databases.js';

/** A throw-away database with a service's migrations run, for the medium specs (no broker). */
export interface MigratedDatabase {
  url: string;
  dataSource: DataSource;
  /** Closes the DataSource and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates `<name>_t<random>`, opens it with `optionsFor(url)` and lets `prepare` make its tables.
 */
export async function openTestDatabase(
  name: string,
  optionsFor: (url: string) => DataSourceOptions,
  prepare: (dataSource: DataSource) => Promise<unknown>,
): Promise<MigratedDatabase> {
  const url = testDatabaseUrl(name);
  const admin = new pg.Client({ connectionString: `${testDatabaseServer()}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${new URL(url).pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  const dataSource = await new DataSource(optionsFor(url)).initialize();
  await prepare(dataSource);
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await dropTestDatabases(url);
    },
  };
}

/**
 * Creates `<service>_t<random>`, opens it with the service's DataSource options (`optionsFor(url)`)
 * and runs its migrations, as the service does on start.
 */
export function migratedTestDatabase(
  service: string,
  optionsFor: (url: string) => DataSourceOptions,
): Promise<MigratedDatabase> {
  return openTestDatabase(service, optionsFor, runMigrationsLocked);
}
