import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { DependencyUnavailableError, RpcFailure } from '#messaging';
import { earlierResult, guardedWrite } from './guarded-write.js';

/** A DataSource whose idempotency_keys table is a Map and whose transactions keep work only on success. */
function fakeDataSource() {
  const keys = new Map<string, { request_hash: string; result: string }>();
  const committed: string[] = [];
  const manager = (pending: string[]) =>
    ({
      query: async (sql: string, params: string[]) => {
        if (sql.startsWith('SELECT')) {
          const row = keys.get(`${params[0]}/${params[1]}`);
          return row ? [row] : [];
        }
        if (keys.has(`${params[0]}/${params[1]}`)) {
          throw Object.assign(new Error('duplicate key'), {
            driverError: { code: '23505', constraint: 'idempotency_keys_pkey' },
          });
        }
        pending.push(`key:${params[1]}`);
        keys.set(`${params[0]}/${params[1]}`, { request_hash: params[2], result: params[3] });
        return [];
      },
    }) as unknown as EntityManager;
  const dataSource = {
    manager: manager([]),
    transaction: async <T>(work: (m: EntityManager) => Promise<T>) => {
      const pending: string[] = [];
      const snapshot = new Map(keys);
      try {
        const result = await work(manager(pending));
        committed.push(...pending);
        return result;
      } catch (error) {
        keys.clear();
        for (const [k, v] of snapshot) keys.set(k, v);
        throw error;
      }
    },
  } as unknown as DataSource;
  return { dataSource, committed };
}

const hire = { scope: 'employee.hire', request: { personId: 'p', companyId: 'c', cardId: 1 } };

describe(guardedWrite.name, () => {
  it('commits work that finishes before the deadline', async () => {
    const { dataSource } = fakeDataSource();
    const result = await guardedWrite(
      dataSource,
      { correlationId: null, deadline: Date.now() + 1000 },
      async () => 'done',
    );
    expect(result).toBe('done');
  });

  it('rolls back work that finishes after the caller gave up, with a 503 that says nothing changed', async () => {
    const { dataSource, committed } = fakeDataSource();
    const write = guardedWrite(
      dataSource,
      { correlationId: null, deadline: Date.now() + 20, idempotencyKey: 'k' },
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return 'late';
      },
      hire,
    );
    await expect(write).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(write).rejects.toThrow(/nothing was changed/);
    expect(committed).toEqual([]);
    expect(
      await earlierResult(dataSource, { correlationId: null, idempotencyKey: 'k' }, hire),
    ).toBe(undefined);
  });

  it('does the work once per Idempotency-Key and answers a repeat with the first result', async () => {
    const { dataSource } = fakeDataSource();
    let runs = 0;
    const context = { correlationId: null, idempotencyKey: 'key-1' };
    const work = async () => ({ id: `employee-${++runs}` });
    const first = await guardedWrite(dataSource, context, work, hire);
    const second = await guardedWrite(dataSource, context, work, hire);
    expect(second).toEqual(first);
    expect(runs).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another request', async () => {
    const { dataSource } = fakeDataSource();
    const context = { correlationId: null, idempotencyKey: 'key-2' };
    await guardedWrite(dataSource, context, async () => 1, hire);
    const other = { ...hire, request: { ...hire.request, cardId: 2 } };
    await expect(guardedWrite(dataSource, context, async () => 2, other)).rejects.toMatchObject({
      constructor: RpcFailure,
      error: { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' },
    });
  });

  it('without a key, does the work every time', async () => {
    const { dataSource } = fakeDataSource();
    let runs = 0;
    for (let i = 0; i < 2; i++)
      await guardedWrite(dataSource, { correlationId: null }, async () => ++runs, hire);
    expect(runs).toBe(2);
  });
});
