import { afterAll, describe, expect, it } from '@jest/globals';
import { dropServiceDatabase, setUpServiceDatabase, withDatabase } from '#persistence';
import { queryDatabase, testDatabaseServer, testDatabaseUrl, testServiceUrl } from '#testing';

describe(setUpServiceDatabase.name, () => {
  const adminUrl = testDatabaseUrl('legacy');
  const serviceUrl = testServiceUrl(adminUrl);
  const role = new URL(serviceUrl).username;

  afterAll(async () => {
    await dropServiceDatabase(testDatabaseServer(), serviceUrl);
  });

  it('hands a database the superuser made (tables, sequences, functions) to the service role, twice over', async () => {
    const name = new URL(adminUrl).pathname.slice(1);
    await queryDatabase(withDatabase(adminUrl, 'postgres'), `CREATE DATABASE ${name}`);
    await queryDatabase(
      adminUrl,
      `CREATE TABLE things (id serial PRIMARY KEY, label text);
       CREATE FUNCTION things_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM things'`,
    );
    await setUpServiceDatabase(testDatabaseServer(), serviceUrl);
    await setUpServiceDatabase(testDatabaseServer(), serviceUrl);

    const owners = await queryDatabase(
      adminUrl,
      `SELECT pg_get_userbyid(relowner) AS owner, count(*)::int AS n FROM pg_class
        WHERE relnamespace = 'public'::regnamespace GROUP BY 1`,
    );
    expect(owners).toEqual([{ owner: role, n: 3 }]); // table, its sequence, its primary key index
    const [fn] = await queryDatabase(
      adminUrl,
      `SELECT pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE proname = 'things_count'`,
    );
    expect(fn).toEqual({ owner: role });
    // The role works in its database: it writes and reads through its own objects.
    await queryDatabase(serviceUrl, `INSERT INTO things (label) VALUES ($1)`, [
      "Robert'); DROP TABLE things;--",
    ]);
    expect(await queryDatabase(serviceUrl, 'SELECT things_count() AS n')).toEqual([{ n: '1' }]);
    const [acl] = await queryDatabase(
      adminUrl,
      `SELECT has_database_privilege('public', current_database(), 'CONNECT') AS public_connect`,
    );
    expect(acl).toEqual({ public_connect: false });
  });

  it('refuses to turn a superuser into a service role', async () => {
    const superUrl = withDatabase(adminUrl, 'whatever', new URL(testDatabaseServer()).username);
    await expect(setUpServiceDatabase(testDatabaseServer(), superUrl)).rejects.toThrow(/superuser/);
  });

  it('refuses role and database names that are not plain identifiers', async () => {
    const bad = withDatabase(adminUrl, 'x"; DROP DATABASE postgres; --', 'y');
    await expect(setUpServiceDatabase(testDatabaseServer(), bad)).rejects.toThrow(/unsupported/);
  });
});
