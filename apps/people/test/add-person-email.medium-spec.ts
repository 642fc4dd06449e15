import { afterAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ensureDatabase } from '#persistence';
import { dropTestDatabases, testDatabaseUrl } from '#testing';
import {
  PEOPLE_MIGRATIONS,
  peopleDataSourceOptions,
} from '../src/database/people-data-source.options.js';

describe('AddPersonEmail migration on a people table that already holds data', () => {
  const url = testDatabaseUrl('people');
  const sources: DataSource[] = [];
  const dataSource = async (migrations: typeof PEOPLE_MIGRATIONS) => {
    const ds = await new DataSource({ ...peopleDataSourceOptions(url), migrations }).initialize();
    sources.push(ds);
    return ds;
  };

  afterAll(async () => {
    await Promise.all(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
    await dropTestDatabases(url);
  });

  it('adds email to every existing row intact, enforces uniqueness, and reverts cleanly', async () => {
    const upToEmail = PEOPLE_MIGRATIONS.slice(0, 2) as typeof PEOPLE_MIGRATIONS;
    expect(upToEmail.map((m) => m.name)).toEqual([
      'CreatePeople1732406400000',
      'AddPersonEmail1732492800000',
    ]);
    await ensureDatabase(url);
    const before = await dataSource(PEOPLE_MIGRATIONS.slice(0, 1) as typeof PEOPLE_MIGRATIONS);
    await before.runMigrations();
    const rows = Array.from({ length: 50 }, (_, i) => [
      `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      `Person ${i}`,
      `Street ${i}`,
      i % 2 ? 'US' : null,
    ]);
    for (const row of rows) {
      await before.query(
        `INSERT INTO people (id, full_name, address, country, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now())`,
        row,
      );
    }
    const snapshot = await before.query(
      'SELECT id, full_name, address, country, created_at, updated_at FROM people ORDER BY id',
    );
    await before.destroy();

    const after = await dataSource(upToEmail);
    expect((await after.runMigrations()).map((m) => m.name)).toEqual([
      'AddPersonEmail1732492800000',
    ]);
    expect(
      await after.query(
        'SELECT id, full_name, address, country, created_at, updated_at FROM people ORDER BY id',
      ),
    ).toEqual(snapshot);
    expect(await after.query('SELECT count(*)::int AS n FROM people WHERE email IS NULL')).toEqual([
      { n: 50 },
    ]);

    await after.query(`UPDATE people SET email = 'a@example.com' WHERE id = $1`, [rows[0][0]]);
    await expect(
      after.query(`UPDATE people SET email = 'A@example.com' WHERE id = $1`, [rows[1][0]]),
    ).rejects.toThrow(/people_email_unique/);

    await after.undoLastMigration();
    const columns = await after.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'people'`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name)).not.toContain('email');
    expect(await after.query('SELECT count(*)::int AS n FROM people')).toEqual([{ n: 50 }]);
  });
});
