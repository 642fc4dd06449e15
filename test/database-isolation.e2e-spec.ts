import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { withDatabase } from '#persistence';
import { TestStack, queryDatabase } from '#testing';

const SERVICES = ['people', 'companies', 'employment'] as const;
type Service = (typeof SERVICES)[number];

/** The error code PostgreSQL answers a connection with, or 'connected'. */
async function connectOutcome(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('least privilege: each service has its own PostgreSQL role that reaches no other database', () => {
  const stack = new TestStack();
  const nameOf = (url: string) => new URL(url).pathname.slice(1);

  beforeAll(async () => {
    // The services start on their roles: migrations ran as the owning role, without superuser rights.
    await stack.start({ people: 1, companies: 1, employment: 1 });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it.each(SERVICES)(
    '%s: a plain login role that owns its database and every table in it',
    async (service) => {
      const role = new URL(stack.serviceDatabases[service]).username;
      const [attributes] = await queryDatabase(
        stack.databases[service],
        `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls,
              pg_get_userbyid(d.datdba) AS owner
         FROM pg_roles r, pg_database d WHERE r.rolname = $1 AND d.datname = current_database()`,
        [role],
      );
      expect(attributes).toEqual({
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolreplication: false,
        rolbypassrls: false,
        owner: role,
      });
      const owners = await queryDatabase(
        stack.databases[service],
        `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(owners).toEqual([{ tableowner: role }]);
    },
  );

  const pairs = SERVICES.flatMap((a) => SERVICES.filter((b) => b !== a).map((b) => [a, b]));
  it.each(pairs)('the %s role cannot connect to the %s database', async (a, b) => {
    const own = stack.serviceDatabases[a as Service];
    expect(await connectOutcome(own)).toBe('connected');
    const other = withDatabase(own, nameOf(stack.databases[b as Service]));
    expect(await connectOutcome(other)).toBe('42501'); // insufficient_privilege: permission denied
  });

  it('no service role may connect to any database another service role owns', async () => {
    const rows = await queryDatabase<{ role: string; database: string }>(
      stack.databases.people,
      `SELECT r.rolname AS role, d.datname AS database
         FROM pg_roles r CROSS JOIN pg_database d
        WHERE r.rolname = ANY($1) AND d.datdba <> r.oid
          AND NOT (SELECT rolsuper FROM pg_roles WHERE oid = d.datdba)
          AND has_database_privilege(r.oid, d.oid, 'CONNECT')`,
      [SERVICES.map((s) => new URL(stack.serviceDatabases[s]).username)],
    );
    expect(rows).toEqual([]);
  });
});
