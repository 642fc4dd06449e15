import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ERROR_CODES } from '#contracts';
import { RpcFailure, assertBeforeDeadline, type WriteContext } from '#messaging';
import { uniqueViolation } from '../pg-errors.js';

/** Names the operation an idempotency key belongs to ("people.create"), and what was asked. */
export interface Idempotency {
  scope: string;
  request: unknown;
}

interface KeyRow {
  request_hash: string;
  result: string;
}

/**
 * Runs `work` in one transaction that commits only while the caller still waits for it, and, when
 * the caller sent an Idempotency-Key for `idempotency.scope`, at most once per key: a repeated key
 * returns the first result (also when the two race), and the same key with another request is 422.
 */
export async function guardedWrite<T>(
  dataSource: DataSource,
  context: WriteContext,
  work: (manager: EntityManager) => Promise<T>,
  idempotency?: Idempotency,
): Promise<T> {
  const key = idempotency && context.idempotencyKey;
  const requestHash = key ? hashOf(idempotency.request) : '';
  const stored = () => storedResult<T>(dataSource.manager, idempotency!.scope, key!, requestHash);
  if (key) {
    const earlier = await stored();
    if (earlier !== undefined) return earlier.result;
  }
  try {
    return await dataSource.transaction(async (manager) => {
      const result = await work(manager);
      if (key) {
        await manager.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash, result) VALUES ($1, $2, $3, $4)`,
          [idempotency.scope, key, requestHash, JSON.stringify(result)],
        );
      }
      assertBeforeDeadline(context.deadline);
      return result;
    });
  } catch (error) {
    if (key && uniqueViolation(error) === 'idempotency_keys_pkey') {
      const winner = await stored();
      if (winner !== undefined) return winner.result;
    }
    throw error;
  }
}

/** The result of an earlier write with the context's Idempotency-Key, if there was one: ask before slow work. */
export async function earlierResult<T>(
  dataSource: DataSource,
  context: WriteContext,
  idempotency: Idempotency,
): Promise<{ result: T } | undefined> {
  if (!context.idempotencyKey) return undefined;
  const { scope, request } = idempotency;
  return storedResult<T>(dataSource.manager, scope, context.idempotencyKey, hashOf(request));
}

async function storedResult<T>(
  manager: EntityManager,
  scope: string,
  key: string,
  requestHash: string,
): Promise<{ result: T } | undefined> {
  const [row] = (await manager.query(
    `SELECT request_hash, result FROM idempotency_keys WHERE scope = $1 AND key = $2`,
    [scope, key],
  )) as KeyRow[];
  if (!row) return undefined;
  if (row.request_hash !== requestHash) {
    throw RpcFailure.unprocessable(
      ERROR_CODES.idempotencyKeyReused,
      'this Idempotency-Key was used with a different request; use a new key for a new request',
    );
  }
  return { result: JSON.parse(row.result) as T };
}

function hashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}
