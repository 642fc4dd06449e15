import type { EntityManager } from 'typeorm';

/**
 * Serializes hires with the handling of deletions of the same people and companies (see
 * endEmploymentsWhenPartyDeleted), then returns the ids already known to be deleted.
 * Locks are taken in sorted order so concurrent batches cannot deadlock on each other.
 */
export async function lockParties(manager: EntityManager, ids: string[]): Promise<Set<string>> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return new Set();
  await manager.query(
    `SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended(id, 0) AS k FROM unnest($1::text[]) AS id ORDER BY id) AS s`,
    [sorted],
  );
  const deleted: Array<{ id: string }> = await manager.query(
    'SELECT id FROM deleted_parties WHERE id = ANY($1::uuid[])',
    [sorted],
  );
  return new Set(deleted.map((d) => d.id));
}
