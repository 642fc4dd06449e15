import type { DataSource, EntityManager } from 'typeorm';

/** One parameterized SQL statement; its placeholders are numbered from $1 within it. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Sends data-modifying statements (INSERT, UPDATE or DELETE, each without a WITH of its own and
 * with no `$` but its placeholders) in one round trip: one alone, several as the data-modifying
 * CTEs of one query, their placeholders renumbered and their values still sent as parameters.
 * They all see the snapshot taken before any of them, so none may read what another writes; a
 * constraint any of them violates fails them all.
 */
export async function runWrites(
  db: DataSource | EntityManager,
  statements: Statement[],
): Promise<void> {
  if (statements.length === 0) return;
  if (statements.length === 1) {
    await db.query(statements[0].sql, statements[0].params);
    return;
  }
  const params: unknown[] = [];
  const parts = statements.map((statement, i) => {
    const offset = params.length;
    params.push(...statement.params);
    const sql = statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    return `w${i} AS (${sql})`;
  });
  await db.query(`WITH ${parts.join(',\n')} SELECT 1`, params);
}
