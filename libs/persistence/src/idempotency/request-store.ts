import type { DataSource, EntityManager } from 'typeorm';
import { runWrites, type Statement } from '../statements.js';

/** How long a client may retry with the same Idempotency-Key and get the first result. */
export const IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

/** A write recorded under its request's key: a hash of what was asked, and its first result (JSON). */
export interface RecordedRequest {
  key: string;
  request_hash: string;
  result: string;
}

/** A write to record: its key, the hash of its request, its result. */
export interface RequestRecord {
  key: string;
  requestHash: string;
  result: unknown;
  /** Hours this key answers repeats, when not the store's retention (null: for good). */
  retentionHours?: number | null;
}

/**
 * The duplicate-request store (table idempotency_keys): one row per (scope, key) with the request's
 * hash and its first result, recorded in the write's own transaction, so a repeat of the key is
 * answered with that result. Rows expire after `retentionHours`; null keeps them for good.
 */
export class RequestStore {
  constructor(
    readonly scope: string,
    private readonly retentionHours: number | null = IDEMPOTENCY_KEY_RETENTION_HOURS,
  ) {}

  /** The recorded writes among `keys`, by key. */
  async find(
    db: DataSource | EntityManager,
    keys: string[],
  ): Promise<Map<string, RecordedRequest>> {
    if (keys.length === 0) return new Map();
    const rows: RecordedRequest[] = await db.query(
      `SELECT key, request_hash, result FROM idempotency_keys WHERE scope = $1 AND key = ANY($2::text[])`,
      [this.scope, keys],
    );
    return new Map(rows.map((row) => [row.key, row]));
  }

  /** Records writes in `manager`'s transaction; a key recorded before fails with IDEMPOTENCY_KEYS_PKEY. */
  async record(manager: EntityManager, records: RequestRecord[]): Promise<void> {
    await runWrites(manager, this.recordStatements(records));
  }

  /** The statement that records `records` (none for none), to send with others (runWrites). */
  recordStatements(records: RequestRecord[]): Statement[] {
    if (records.length === 0) return [];
    return [
      {
        sql: `INSERT INTO idempotency_keys (scope, key, request_hash, result, expires_at)
       SELECT $1, r.key, r.request_hash, r.result, now() + make_interval(hours => r.hours)
       FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS r(key, request_hash, result, hours)`,
        params: [
          this.scope,
          records.map((r) => r.key),
          records.map((r) => r.requestHash),
          records.map((r) => JSON.stringify(r.result)),
          records.map((r) =>
            r.retentionHours === undefined ? this.retentionHours : r.retentionHours,
          ),
        ],
      },
    ];
  }
}
