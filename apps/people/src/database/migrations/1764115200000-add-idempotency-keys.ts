import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyKeysTable, dropIdempotencyKeysTable } from '#persistence';

/** Remembers the result of each POST with an Idempotency-Key. */
export class AddIdempotencyKeys1764115200000 implements MigrationInterface {
  name = 'AddIdempotencyKeys1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIdempotencyKeysTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIdempotencyKeysTable(queryRunner);
  }
}
