import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropTestDatabases } from '#testing';

/** The PostgreSQL server the bench's scratch databases live on (the services' server). */
export const SCRATCH_SERVER =
  process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const SERVER = SCRATCH_SERVER;

/** Names of the scratch databases this process made (for CpuMeter's scope). */
export const scratchDatabaseNames = new Set<string>();

/** Creates an empty database `bench_<what>_<random>` on the shared server and returns its URL. */
export async function createScratchDatabase(what: string): Promise<string> {
  const name = `bench_${what}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    scratchDatabaseNames.add(name);
  } finally {
    await admin.end();
  }
  return `${SERVER}/${name}`;
}

/** Drops scratch databases (closing their connections). */
export function dropScratchDatabases(...urls: string[]): Promise<void> {
  return dropTestDatabases(...urls);
}
