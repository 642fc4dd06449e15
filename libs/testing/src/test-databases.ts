import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '#persistence';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

/** The superuser URL of the tests' database server (TEST_DATABASE_SERVER). */
export function testDatabaseServer(): string {
  return SERVER;
}

/**
 * The URL a service uses for the test database at `adminUrl`: a login role of the same name with a
 * random password, made by setUpServiceDatabase.
 */
export function testServiceUrl(adminUrl: string): string {
  const name = new URL(adminUrl).pathname.slice(1);
  return withDatabase(adminUrl, name, name, randomBytes(12).toString('hex'));
}

/** A fresh database URL for one test file: `<service>_t<random>`, created by the service on start. */
export function testDatabaseUrl(service: string): string {
  return `${SERVER}/${service}_t${randomBytes(4).toString('hex')}`;
}

/** Drops the databases a test made, closing whatever connections are left. */
export async function dropTestDatabases(...urls: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    for (const url of urls) {
      const name = new URL(url).pathname.slice(1);
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/** Runs one query against `url` on a short-lived connection. */
export async function queryDatabase<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
