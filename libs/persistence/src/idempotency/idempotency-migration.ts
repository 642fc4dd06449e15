import type { MigrationInterface, QueryRunner } from 'typeorm';

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

/**
 * Gives each recorded request its own end of retention (expires_at, null: kept for good), so
 * writes whose repeats must be answered forever can share the table with Idempotency-Keys.
 */
export async function addIdempotencyKeyExpiry(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE idempotency_keys ADD COLUMN expires_at timestamptz`);
  await queryRunner.query(
    `UPDATE idempotency_keys SET expires_at = created_at + make_interval(hours => 24)`,
  );
  await queryRunner.query(`DROP INDEX idempotency_keys_created_at`);
  await queryRunner.query(
    `CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at) WHERE expires_at IS NOT NULL`,
  );
}

/** Undoes addIdempotencyKeyExpiry (rows kept for good are dropped: the old table could not keep them). */
export async function dropIdempotencyKeyExpiry(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DELETE FROM idempotency_keys WHERE expires_at IS NULL`);
  await queryRunner.query(`DROP INDEX idempotency_keys_expires_at`);
  await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN expires_at`);
  await queryRunner.query(
    `CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`,
  );
}

/** The migration every service runs for addIdempotencyKeyExpiry (one class, listed by each service). */
export class AddIdempotencyKeyExpiry1796083200000 implements MigrationInterface {
  name = 'AddIdempotencyKeyExpiry1796083200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addIdempotencyKeyExpiry(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIdempotencyKeyExpiry(queryRunner);
  }
}
