import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moves the recorded hire requests into the one duplicate-request store (idempotency_keys, scope
 * 'hire-request', kept for good): the key is the requestId, the request hash that of its JSON
 * string (as requestHashOf computes it), the result the outcome event, replayed as before.
 */
export class MergeHireRequests1796083200001 implements MigrationInterface {
  name = 'MergeHireRequests1796083200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO idempotency_keys (scope, key, request_hash, result, created_at, expires_at)
      SELECT 'hire-request', request_id,
             encode(sha256(convert_to(to_json(request_id)::text, 'UTF8')), 'hex'),
             outcome, created_at, NULL
      FROM hire_requests`);
    await queryRunner.query(`DROP TABLE hire_requests`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hire_requests (
        request_id varchar(200) PRIMARY KEY,
        event_id uuid NOT NULL,
        outcome text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO hire_requests (request_id, event_id, outcome, created_at)
      SELECT key, (result::json ->> 'id')::uuid, result, created_at
      FROM idempotency_keys WHERE scope = 'hire-request'`);
    await queryRunner.query(`DELETE FROM idempotency_keys WHERE scope = 'hire-request'`);
  }
}
