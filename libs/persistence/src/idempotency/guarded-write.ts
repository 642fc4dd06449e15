import type { DataSource, EntityManager } from 'typeorm';
import { assertBeforeDeadline, type WriteContext } from '#core';
import { writeKeyOf } from './idempotency-keys.js';
import { RequestStore } from './request-store.js';

/**
 * Runs `work` in one transaction that commits only while the caller still waits for it: when the
 * caller's deadline has passed, it rolls back with a 503 that says nothing changed. The request's
 * key (writeKeyOf) is recorded with the result in the duplicate-request store, in the same
 * transaction, so a copy of the request delivered again gets that result and changes nothing
 * (eventuate-tram's duplicate message detection).
 */
export async function guardedWrite<T>(
  dataSource: DataSource,
  context: WriteContext,
  scope: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const key = writeKeyOf(context);
  const store = new RequestStore(scope);
  return dataSource.transaction(async (manager) => {
    if (key) {
      const recorded = (await store.find(manager, [key.key])).get(key.key);
      if (recorded) return JSON.parse(recorded.result) as T;
    }
    const result = await work(manager);
    assertBeforeDeadline(context.deadline);
    if (key) await store.record(manager, [{ ...key, requestHash: '', result: result ?? null }]);
    return result;
  });
}
