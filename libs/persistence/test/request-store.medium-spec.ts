import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { IdempotencyKeyPruner, RequestStore } from '#persistence';
import { storeTestDatabase } from '#testing';

describe(`${RequestStore.name} and ${IdempotencyKeyPruner.name} (real PostgreSQL)`, () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, drop } = await storeTestDatabase('requeststore'));
  });

  afterAll(() => drop?.());

  it('finds what it recorded, per scope; the pruner forgets only the records whose retention ended', async () => {
    const daily = new RequestStore('daily');
    const forever = new RequestStore('forever', null);
    await dataSource.transaction(async (manager) => {
      await daily.record(manager, [
        { key: 'old', requestHash: 'h1', result: { n: 1 } },
        { key: 'new', requestHash: 'h2', result: { n: 2 } },
      ]);
      await forever.record(manager, [{ key: 'old', requestHash: 'h3', result: 'kept' }]);
    });
    await dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours',
         expires_at = CASE WHEN expires_at IS NULL THEN NULL ELSE now() - interval '1 hour' END
       WHERE key = 'old'`,
    );
    await new IdempotencyKeyPruner(dataSource).prune();

    const dailyRows = await daily.find(dataSource, ['old', 'new', 'missing']);
    expect([...dailyRows.keys()]).toEqual(['new']);
    expect(JSON.parse(dailyRows.get('new')!.result)).toEqual({ n: 2 });
    const kept = await forever.find(dataSource, ['old']);
    expect(JSON.parse(kept.get('old')!.result)).toBe('kept');
  });

  it('refuses a key recorded twice in one scope with idempotency_keys_pkey', async () => {
    const store = new RequestStore('twice');
    await dataSource.transaction((m) =>
      store.record(m, [{ key: 'k', requestHash: 'a', result: 1 }]),
    );
    await expect(
      dataSource.transaction((m) => store.record(m, [{ key: 'k', requestHash: 'a', result: 2 }])),
    ).rejects.toMatchObject({ driverError: { constraint: 'idempotency_keys_pkey' } });
  });
});
