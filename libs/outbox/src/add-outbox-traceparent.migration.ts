import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxTraceparent, dropOutboxTraceparent } from './outbox-migration.js';

/**
 * The outbox row keeps the trace of the request that wrote it: the relay publishes in that trace
 * and consumers continue it (without it, the relay's send would start a trace of its own).
 * Listed in every service that has an outbox.
 */
export class AddOutboxTraceparent1796169600000 implements MigrationInterface {
  name = 'AddOutboxTraceparent1796169600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOutboxTraceparent(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTraceparent(queryRunner);
  }
}
