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
 * Creates `<service>_t<random>`, opens it with the service's DataSource options (`optionsFor(url)`)
 * and runs its migrations, as the service does on start.
 */
export async function migratedTestDatabase(
  service: string,
  optionsFor: (url: string) => DataSourceOptions,
): Promise<MigratedDatabase> {
  const url = testDatabaseUrl(service);
  const admin = new pg.Client({ connectionString: `${testDatabaseServer()}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${new URL(url).pathname.slice(1)}`);
  } finally {
    await admin.end();
  }
  const dataSource = await new DataSource(optionsFor(url)).initialize();
  await runMigrationsLocked(dataSource);
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await dropTestDatabases(url);
    },
  };
}
