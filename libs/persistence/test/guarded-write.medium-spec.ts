import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { guardedWrite } from '#persistence';
import { queryDatabase, storeTestDatabase } from '#testing';

describe('guardedWrite remembers each request (real PostgreSQL)', () => {
  let url: string;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const counter = async () =>
    (await queryDatabase<{ n: number }>(url, 'SELECT n FROM counter'))[0].n;
  const increment = (requestId?: string, idempotencyKey?: string) =>
    guardedWrite(
      dataSource,
      { correlationId: null, requestId, idempotencyKey },
      'counter.bump',
      (m) => m.query('UPDATE counter SET n = n + 1 RETURNING n').then(([[row]]) => row.n as number),
    );

  beforeAll(async () => {
    ({ url, dataSource, drop } = await storeTestDatabase('guardedwrite'));
    await dataSource.query('CREATE TABLE counter (n int NOT NULL); INSERT INTO counter VALUES (0)');
  });

  afterAll(() => drop?.());

  it('applies a request delivered twice once, and answers the copy with the first result', async () => {
    const first = await increment('request-1');
    const again = await increment('request-1');
    expect([first, again]).toEqual([1, 1]);
    expect(await counter()).toBe(1);
    const [row] = await queryDatabase<{ scope: string; hours: number }>(
      url,
      `SELECT scope, round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours
         FROM idempotency_keys WHERE key = 'request:request-1'`,
    );
    expect(row).toEqual({ scope: 'counter.bump', hours: 1 });
  });

  it('applies distinct requests each once, and a request without an id every time', async () => {
    await increment('request-2');
    await increment('request-3');
    await increment();
    await increment();
    expect(await counter()).toBe(5);
  });

  it('keys a write by its Idempotency-Key when it has one', async () => {
    expect(await increment('request-4', 'client-key')).toBe(6);
    expect(await increment('request-5', 'client-key')).toBe(6);
    expect(await counter()).toBe(6);
  });
});
