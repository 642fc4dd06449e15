import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { DependencyUnavailableError, RpcFailure } from '#core';
import {
  GroupCommit,
  addIdempotencyKeyExpiry,
  createIdempotencyKeysTable,
  type GroupWriter,
  type GroupedWrite,
} from '#persistence';
import {
  dropTestDatabases,
  queryDatabase,
  testDatabaseServer,
  testDatabaseUrl,
} from '#testing';

/** Names stored in `items` (name unique); the result of a write is its name in capitals. */
interface Item {
  name: string;
  /** Refused by writeAll with a typed failure, as a hire for an unknown person is. */
  refuse?: boolean;
}

const insertItems = async (manager: EntityManager, names: string[]) =>
  manager.query(`INSERT INTO items (name) SELECT * FROM unnest($1::text[])`, [names]);

function itemWriter(slowFirstAttemptMs = 0): GroupWriter<Item, string> {
  let attempts = 0;
  const refusal = () => RpcFailure.unprocessable('NOT_FOUND', 'refused on purpose');
  return {
    scope: 'item.create',
    async writeAll(manager, writes: GroupedWrite<Item>[]) {
      if (attempts++ === 0 && slowFirstAttemptMs) await sleep(slowFirstAttemptMs);
      const accepted = writes.filter((w) => !w.input.refuse).map((w) => w.input.name);
      if (accepted.length) await insertItems(manager, accepted);
      return writes.map((w) => (w.input.refuse ? refusal() : w.input.name.toUpperCase()));
    },
    async writeOne(manager, { input }) {
      if (input.refuse) throw refusal();
      await insertItems(manager, [input.name]);
      return input.name.toUpperCase();
    },
  };
}

describe('GroupCommit (real PostgreSQL)', () => {
  const url = testDatabaseUrl('groupcommit');
  let dataSource: DataSource;
  let transactions = 0;

  const names = async () =>
    (await queryDatabase<{ name: string }>(url, 'SELECT name FROM items ORDER BY name')).map(
      (r) => r.name,
    );

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: `${testDatabaseServer()}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${new URL(url).pathname.slice(1)}`);
    await admin.end();
    dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    await dataSource.query('CREATE TABLE items (name text PRIMARY KEY)');
    const runner = dataSource.createQueryRunner();
    await createIdempotencyKeysTable(runner);
    await addIdempotencyKeyExpiry(runner);
    await runner.release();
    const transaction = dataSource.transaction.bind(dataSource) as DataSource['transaction'];
    dataSource.transaction = ((...args: Parameters<DataSource['transaction']>) => {
      transactions += 1;
      return (transaction as (...a: unknown[]) => unknown)(...args);
    }) as DataSource['transaction'];
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE items, idempotency_keys');
    transactions = 0;
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropTestDatabases(url);
  });

  const context = (extra: { deadline?: number; idempotencyKey?: string } = {}) => ({
    correlationId: null,
    ...extra,
  });

  it('writes the requests of one tick in one transaction, each caller getting its own result', async () => {
    const group = new GroupCommit(dataSource, itemWriter());
    const all = Array.from({ length: 50 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    const results = await Promise.all(all.map((name) => group.write({ name }, context())));
    expect(results).toEqual(all.map((n) => n.toUpperCase()));
    expect(transactions).toBe(1);
    expect(await names()).toEqual(all);
  });

  it('gathers the writes that arrive while a group is at work into the next group', async () => {
    const group = new GroupCommit(dataSource, itemWriter(100), { maxConcurrentGroups: 1 });
    const first = group.write({ name: 'first' }, context());
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first group is at work
    const later = [];
    for (let i = 0; i < 20; i++) {
      later.push(group.write({ name: `later-${String(i).padStart(2, '0')}` }, context()));
      await new Promise((resolve) => setImmediate(resolve)); // each in a turn of its own
    }
    await Promise.all([first, ...later]);
    expect(transactions).toBe(2);
    expect(await names()).toHaveLength(21);
  });

  it("sends the writer's pending statements with the group's request records in one round trip", async () => {
    const queries: string[] = [];
    const group = new GroupCommit(dataSource, {
      ...itemWriter(),
      async writeAll(manager, writes, _shared, pending) {
        const query = manager.query.bind(manager);
        manager.query = (sql: string, params?: unknown[]) => {
          queries.push(sql);
          return query(sql, params);
        };
        pending.push({
          sql: 'INSERT INTO items (name) SELECT * FROM unnest($1::text[])',
          params: [writes.map((w) => w.input.name)],
        });
        return writes.map((w) => w.input.name.toUpperCase());
      },
    });
    const results = await Promise.all([
      group.write({ name: 'p1' }, context({ idempotencyKey: 'k-p1' })),
      group.write({ name: 'p2' }, context({ idempotencyKey: 'k-p2' })),
    ]);
    expect(results).toEqual(['P1', 'P2']);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(
      /^WITH w0 AS \(INSERT INTO items.*w1 AS \(INSERT INTO idempotency_keys/s,
    );
    expect(await names()).toEqual(['p1', 'p2']);
    const keys = await queryDatabase<{ key: string }>(url, 'SELECT key FROM idempotency_keys');
    expect(keys.map((k) => k.key).sort()).toEqual(['k-p1', 'k-p2']);
  });

  it("writes each request alone when the writer's pending statements meet a unique violation", async () => {
    await insertItems(dataSource.manager, ['taken']);
    const items = itemWriter();
    const group = new GroupCommit(dataSource, {
      ...items,
      async writeAll(_manager, writes, _shared, pending) {
        pending.push({
          sql: 'INSERT INTO items (name) SELECT * FROM unnest($1::text[])',
          params: [writes.map((w) => w.input.name)],
        });
        return writes.map((w) => w.input.name.toUpperCase());
      },
    });
    const [free, taken] = await Promise.allSettled([
      group.write({ name: 'free' }, context()),
      group.write({ name: 'taken' }, context()),
    ]);
    expect(free).toEqual({ status: 'fulfilled', value: 'FREE' });
    expect(taken.status).toBe('rejected');
    expect(await names()).toEqual(['free', 'taken']);
  });

  it('fails only the refused request of a group, in the fast path', async () => {
    const group = new GroupCommit(dataSource, itemWriter());
    const results = await Promise.allSettled([
      group.write({ name: 'a' }, context()),
      group.write({ name: 'b', refuse: true }, context()),
      group.write({ name: 'c' }, context()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(RpcFailure);
    expect(transactions).toBe(1);
    expect(await names()).toEqual(['a', 'c']);
  });

  it('when the database refuses the group, writes each request alone: only the duplicate fails', async () => {
    await dataSource.query(`INSERT INTO items VALUES ('taken')`);
    const group = new GroupCommit(dataSource, itemWriter());
    const results = await Promise.allSettled(
      ['x', 'taken', 'y', 'y'].map((name) => group.write({ name }, context())),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      driverError: { code: '23505' },
    });
    expect(transactions).toBe(2);
    expect(await names()).toEqual(['taken', 'x', 'y']);
  });

  it('does a keyed write once: a repeat in the same group or a later one gets the first result', async () => {
    const group = new GroupCommit(dataSource, itemWriter());
    const keyed = context({ idempotencyKey: 'key-1' });
    const [first, again] = await Promise.all([
      group.write({ name: 'once' }, keyed),
      group.write({ name: 'once' }, keyed),
    ]);
    const later = await group.write({ name: 'once' }, keyed);
    expect([first, again, later]).toEqual(['ONCE', 'ONCE', 'ONCE']);
    expect(await names()).toEqual(['once']);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to a key sent again with another request', async () => {
    const group = new GroupCommit(dataSource, itemWriter());
    const keyed = context({ idempotencyKey: 'key-2' });
    await group.write({ name: 'first' }, keyed);
    await expect(group.write({ name: 'second' }, keyed)).rejects.toMatchObject({
      error: { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    const [inGroupA, inGroupB] = await Promise.allSettled([
      group.write({ name: 'p' }, context({ idempotencyKey: 'key-3' })),
      group.write({ name: 'q' }, context({ idempotencyKey: 'key-3' })),
    ]);
    expect(inGroupA).toMatchObject({ status: 'fulfilled', value: 'P' });
    expect(inGroupB).toMatchObject({ status: 'rejected', reason: { error: { status: 422 } } });
    expect(await names()).toEqual(['first', 'p']);
  });

  it('commits nothing for a caller that stopped waiting; the rest of its group commits', async () => {
    const group = new GroupCommit(dataSource, itemWriter(150));
    const results = await Promise.allSettled([
      group.write({ name: 'patient' }, context({ deadline: Date.now() + 10_000 })),
      group.write({ name: 'hasty' }, context({ deadline: Date.now() + 100 })),
      group.write({ name: 'gone' }, context({ deadline: Date.now() - 1 })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    for (const late of results.slice(1)) {
      expect((late as PromiseRejectedResult).reason).toBeInstanceOf(DependencyUnavailableError);
    }
    expect(await names()).toEqual(['patient']);
  });

  /** A writer whose repeats are answered by recording them, like a consumer re-publishing outcomes. */
  function answeringWriter(answered: string[][], options: Partial<GroupWriter<Item, string>> = {}) {
    return {
      ...itemWriter(),
      async answerRepeats(_manager: EntityManager, repeats: Array<{ result: string }>) {
        answered.push(repeats.map((r) => r.result));
      },
      ...options,
    };
  }

  it('hands the repeats of a group to answerRepeats, after the group, in order, with their first result', async () => {
    const answered: string[][] = [];
    const group = new GroupCommit(dataSource, answeringWriter(answered));
    const write = (name: string, key: string) =>
      group.write({ name }, context({ idempotencyKey: key }));
    await write('old', 'k-old');
    expect(answered).toEqual([]);
    const results = await Promise.all([
      write('new', 'k-new'),
      write('old', 'k-old'),
      write('new', 'k-new'),
    ]);
    expect(results).toEqual(['NEW', 'OLD', 'NEW']);
    expect(answered).toEqual([['OLD', 'NEW']]);
    expect(await names()).toEqual(['new', 'old']);
  });

  it('keeps the records of a writer with retentionHours null for good, the others for a day', async () => {
    const kept = new GroupCommit(dataSource, {
      ...itemWriter(),
      scope: 'kept',
      retentionHours: null,
    });
    await kept.write({ name: 'kept' }, context({ idempotencyKey: 'k' }));
    await new GroupCommit(dataSource, itemWriter()).write(
      { name: 'day' },
      context({ idempotencyKey: 'k' }),
    );
    const rows = await queryDatabase<{ scope: string; hours: number | null }>(
      url,
      `SELECT scope, round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours
       FROM idempotency_keys ORDER BY scope`,
    );
    expect(rows).toEqual([
      { scope: 'item.create', hours: 24 },
      { scope: 'kept', hours: null },
    ]);
  });

  it('with failGroupOnError, a failure alone rolls back its whole group and fails its repeats too', async () => {
    await dataSource.query(`INSERT INTO items VALUES ('taken')`);
    const answered: string[][] = [];
    const group = new GroupCommit(
      dataSource,
      answeringWriter(answered, { failGroupOnError: true }),
    );
    await group.write({ name: 'old' }, context({ idempotencyKey: 'k-old' }));
    const results = await Promise.allSettled([
      group.write({ name: 'x' }, context({ idempotencyKey: 'k-x' })),
      group.write({ name: 'taken' }, context({ idempotencyKey: 'k-taken' })),
      group.write({ name: 'old' }, context({ idempotencyKey: 'k-old' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({
      driverError: { code: '23505' },
    });
    expect(answered).toEqual([]);
    expect(await names()).toEqual(['old', 'taken']);
  });
});
