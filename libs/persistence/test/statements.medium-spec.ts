import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { RequestStore, runWrites, uniqueViolation } from '#persistence';
import { storeTestDatabase } from '#testing';

describe(`${runWrites.name} (real PostgreSQL)`, () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const store = new RequestStore('statements');

  beforeAll(async () => {
    ({ dataSource, drop } = await storeTestDatabase('statements'));
    await dataSource.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
  });

  beforeEach(() => dataSource.query(`TRUNCATE notes, idempotency_keys`));

  afterAll(() => drop?.());

  const notes = (ids: number[], bodies: string[]) => ({
    sql: 'INSERT INTO notes (id, body) SELECT * FROM unnest($1::int[], $2::text[])',
    params: [ids, bodies],
  });

  it('sends statements of several tables in one query, each with its own parameters', async () => {
    const queries: unknown[][] = [];
    await dataSource.transaction(async (manager) => {
      const query = manager.query.bind(manager);
      manager.query = (async (sql: string, params?: unknown[]) => {
        queries.push(params ?? []);
        return query(sql, params);
      }) as typeof manager.query;
      await runWrites(manager, [
        notes([1, 2], ['one', "it's $2; not a placeholder's value"]),
        ...store.recordStatements([{ key: 'k', requestHash: 'h', result: { ok: true } }]),
        notes([3], ['three']),
      ]);
    });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toHaveLength(2 + 5 + 2);
    const rows = await dataSource.query('SELECT id, body FROM notes ORDER BY id');
    expect(rows).toEqual([
      { id: 1, body: 'one' },
      { id: 2, body: "it's $2; not a placeholder's value" },
      { id: 3, body: 'three' },
    ]);
    expect(JSON.parse((await store.find(dataSource, ['k'])).get('k')!.result)).toEqual({
      ok: true,
    });
  });

  it('writes nothing when one statement violates a unique index, and names the index', async () => {
    await runWrites(dataSource, [notes([1], ['first'])]);
    const failed = runWrites(dataSource, [
      ...store.recordStatements([{ key: 'k', requestHash: 'h', result: 1 }]),
      notes([2, 1], ['second', 'again']),
    ]);
    await expect(failed).rejects.toThrow();
    expect(uniqueViolation(await failed.catch((e: unknown) => e))).toBe('notes_pkey');
    expect(await dataSource.query('SELECT id FROM notes')).toEqual([{ id: 1 }]);
    expect((await store.find(dataSource, ['k'])).size).toBe(0);
  });

  it('does nothing for no statements', async () => {
    await expect(runWrites(dataSource, [])).resolves.toBeUndefined();
  });
});
