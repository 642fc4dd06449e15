import { Logger } from '@nestjs/common';
import pg from 'pg';

const logger = new Logger('Database');

/**
 * Checks the service can reach its database at `url`. A missing database is created only when the
 * URL's role may (a superuser, as before `npm run db:setup` existed); otherwise the error says how to
 * set it up. Warns when the service connects as a superuser.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  try {
    const { rows } = await query(url, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    if (rows[0]?.rolsuper) {
      logger.warn(
        `DATABASE_URL connects as the superuser "${target.username}": give the service its own role (npm run db:setup)`,
      );
    }
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw hint(error, target, name);
    await createDatabase(url, name);
  }
}

async function createDatabase(url: string, name: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  try {
    await query(admin.toString(), `CREATE DATABASE ${name}`);
    logger.log(`created database ${name}`);
  } catch (error) {
    // 42P04 duplicate_database, 23505: a replica created it at the same moment.
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw hint(error, new URL(url), name);
  }
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function hint(error: unknown, target: URL, name: string): Error {
  const { code, message } = error as { code?: string; message: string };
  if (code === undefined) {
    return new Error(`cannot reach PostgreSQL at ${target.host} (${message}); is it running?`);
  }
  return new Error(
    `cannot use database ${name} as role "${target.username}" (${message}); create both with ` +
      '`npm run db:setup` (DATABASE_ADMIN_URL names a superuser)',
  );
}
