import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { DependencyUnavailableError } from '#core';
import { guardedWrite } from './guarded-write.js';

/** A DataSource whose transactions record whether they committed. */
function fakeDataSource() {
  const committed: unknown[] = [];
  const dataSource = {
    transaction: async <T>(work: (m: EntityManager) => Promise<T>) => {
      const result = await work({} as EntityManager);
      committed.push(result);
      return result;
    },
  } as unknown as DataSource;
  return { dataSource, committed };
}

describe(guardedWrite.name, () => {
  it('commits work that finishes before the deadline', async () => {
    const { dataSource, committed } = fakeDataSource();
    const result = await guardedWrite(
      dataSource,
      { correlationId: null, deadline: Date.now() + 1000 },
      'thing.update',
      async () => 'done',
    );
    expect(result).toBe('done');
    expect(committed).toEqual(['done']);
  });

  it('rolls back work that finishes after the caller gave up, with a 503 that says nothing changed', async () => {
    const { dataSource, committed } = fakeDataSource();
    const write = guardedWrite(
      dataSource,
      { correlationId: null, deadline: Date.now() + 20 },
      'thing.update',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return 'late';
      },
    );
    await expect(write).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(write).rejects.toThrow(/nothing was changed/);
    expect(committed).toEqual([]);
  });

  it('without a deadline, commits', async () => {
    const { dataSource } = fakeDataSource();
    expect(
      await guardedWrite(dataSource, { correlationId: null }, 'thing.update', async () => 1),
    ).toBe(1);
  });
});
