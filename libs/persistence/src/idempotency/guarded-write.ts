import type { DataSource, EntityManager } from 'typeorm';
import { assertBeforeDeadline, type WriteContext } from '#core';

/**
 * Runs `work` in one transaction that commits only while the caller still waits for it: when the
 * caller's deadline has passed, it rolls back with a 503 that says nothing changed.
 */
export async function guardedWrite<T>(
  dataSource: DataSource,
  context: WriteContext,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const result = await work(manager);
    assertBeforeDeadline(context.deadline);
    return result;
  });
}
