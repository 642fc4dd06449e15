import { Logger } from '@nestjs/common';
import pg from 'pg';

const logger = new Logger('DatabaseSetup');
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Role, database and password a service URL names: `postgres://<role>[:<password>]@host/<database>`. */
export function serviceDatabaseOf(serviceUrl: string) {
  const url = new URL(serviceUrl);
  const role = decodeURIComponent(url.username);
  const database = decodeURIComponent(url.pathname.slice(1));
  for (const [what, name] of [
    ['role', role],
    ['database', database],
  ]) {
    if (!IDENTIFIER.test(name))
      throw new Error(`unsupported ${what} name "${name}" in ${url.host}`);
  }
  return { role, database, password: url.password ? decodeURIComponent(url.password) : undefined };
}

/** `url` with another database (and optionally another user and password). */
export function withDatabase(url: string, database: string, user?: string, password?: string) {
  const next = new URL(url);
  next.pathname = `/${database}`;
  if (user !== undefined) next.username = encodeURIComponent(user);
  if (password !== undefined) next.password = encodeURIComponent(password);
  return next.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Ignores "already exists" from a statement a concurrent setup may have run first. */
async function idempotent(client: pg.Client, sql: string): Promise<void> {
  try {
    await client.query(sql);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '42P04' && code !== '23505') throw error;
  }
}

/**
 * As a superuser (`adminUrl`, any database): makes the login role and the database that `serviceUrl`
 * names, the role owning the database and everything in its public schema, with no superuser,
 * database or role creation rights, and CONNECT revoked from PUBLIC so no other role can reach it.
 * Idempotent; also converts a database an earlier version created as the superuser.
 */
export async function setUpServiceDatabase(adminUrl: string, serviceUrl: string): Promise<void> {
  const { role, database, password } = serviceDatabaseOf(serviceUrl);
  const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
  await withClient(withDatabase(adminUrl, 'postgres'), async (admin) => {
    const secret = password === undefined ? '' : ` PASSWORD ${admin.escapeLiteral(password)}`;
    const existing = await admin.query<{ rolsuper: boolean; me: boolean }>(
      'SELECT rolsuper, rolname = current_user AS me FROM pg_roles WHERE rolname = $1',
      [role],
    );
    if (existing.rows[0]?.rolsuper || existing.rows[0]?.me) {
      throw new Error(
        `refusing to make the superuser "${role}" a service's role: name another role`,
      );
    }
    if (!existing.rowCount) await idempotent(admin, `CREATE ROLE "${role}" ${attributes}${secret}`);
    await admin.query(`ALTER ROLE "${role}" ${attributes}${secret}`);
    const dbExists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!dbExists.rowCount) {
      await idempotent(admin, `CREATE DATABASE "${database}" OWNER "${role}"`);
      logger.log(`created database ${database} owned by ${role}`);
    }
    await admin.query(`ALTER DATABASE "${database}" OWNER TO "${role}"`);
    await admin.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
  });
  await withClient(withDatabase(adminUrl, database), (admin) =>
    admin.query(takeOwnershipSql(role)),
  );
}

/** Hands the public schema and every table, sequence, view, function and type in it to `role`. */
function takeOwnershipSql(role: string): string {
  return `DO $$
DECLARE r record;
BEGIN
  EXECUTE format('ALTER SCHEMA public OWNER TO %I', '${role}');
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p','v','m','S','f')
        AND pg_get_userbyid(c.relowner) <> '${role}'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a','i'))
  LOOP
    EXECUTE format('ALTER %s %I OWNER TO %I',
      CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname, '${role}');
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> '${role}'
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.fn, '${role}');
  END LOOP;
  FOR r IN SELECT t.typname FROM pg_type t
      WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e','d','c')
        AND pg_get_userbyid(t.typowner) <> '${role}'
        AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
  LOOP
    EXECUTE format('ALTER TYPE %I OWNER TO %I', r.typname, '${role}');
  END LOOP;
END $$`;
}

/** As a superuser: drops the database and the role `serviceUrl` names (tests' throw-away ones). */
export async function dropServiceDatabase(adminUrl: string, serviceUrl: string): Promise<void> {
  const { role, database } = serviceDatabaseOf(serviceUrl);
  await withClient(withDatabase(adminUrl, 'postgres'), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
  });
}
