import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyKeysTable, dropIdempotencyKeysTable } from '#persistence';
import { allowOutboxRedelivery, forbidOutboxRedelivery } from '#outbox';

/** Remembers the result of each POST with an Idempotency-Key; replayed hire outcomes go through the outbox. */
export class AddIdempotencyKeys1764115200000 implements MigrationInterface {
  name = 'AddIdempotencyKeys1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIdempotencyKeysTable(queryRunner);
    await allowOutboxRedelivery(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await forbidOutboxRedelivery(queryRunner);
    await dropIdempotencyKeysTable(queryRunner);
  }
}
