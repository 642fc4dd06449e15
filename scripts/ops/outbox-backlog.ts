import pg from 'pg';

export interface OutboxBacklog {
  service: string;
  /** Rows not yet published; null when the database could not be read. */
  unpublished: number | null;
  /** Age in seconds of the oldest unpublished row; null when there is none (or no answer). */
  oldestAgeSeconds: number | null;
  error?: string;
}

/** Unpublished outbox rows of one service's database and the age of the oldest. */
export async function outboxBacklog(service: string, url: string): Promise<OutboxBacklog> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ unpublished: string; oldest: string | null }>(
      `SELECT count(*) AS unpublished,
              EXTRACT(EPOCH FROM now() - min(created_at)) AS oldest
         FROM outbox WHERE published_at IS NULL`,
    );
    const oldest = rows[0].oldest === null ? null : Math.round(Number(rows[0].oldest) * 10) / 10;
    return { service, unpublished: Number(rows[0].unpublished), oldestAgeSeconds: oldest };
  } catch (error) {
    return { service, unpublished: null, oldestAgeSeconds: null, error: (error as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}
