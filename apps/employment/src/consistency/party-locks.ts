import type { EntityManager } from 'typeorm';

/**
 * How a transaction holds people and companies: hires `shared` (they do not block each other: the
 * unique indexes settle races between hires), the handling of a deletion `exclusive` (it waits for
 * the hires in flight and holds back new ones until the deletion is recorded).
 */
export type PartyLockMode = 'shared' | 'exclusive';

/**
 * Serializes hires with the handling of deletions of the same people and companies (see
 * endEmploymentsWhenPartyDeleted). What the transaction reads after it sees what a deletion
 * committed while it waited. Locks are taken in sorted order so concurrent transactions cannot
 * deadlock on each other.
 */
export async function lockParties(
  manager: EntityManager,
  ids: string[],
  mode: PartyLockMode,
): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(
    `SELECT ${lock}(k) FROM (SELECT hashtextextended(id, 0) AS k FROM unnest($1::text[]) AS id ORDER BY id) AS s`,
    [sorted],
  );
}
