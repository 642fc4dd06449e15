import type { QueryRunner } from 'typeorm';

/** Creates the table that remembers the result of each idempotent write by its client's key. */
export async function createIdempotencyKeysTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key varchar(200) NOT NULL,
      request_hash char(64) NOT NULL,
      result text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, key)
    )`);
  await queryRunner.query(
    `CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`,
  );
}

/** Drops what createIdempotencyKeysTable made. */
export async function dropIdempotencyKeysTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE idempotency_keys`);
}
