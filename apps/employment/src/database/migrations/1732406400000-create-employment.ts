import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable, dropOutboxTable } from '#outbox';

export class CreateEmployment1732406400000 implements MigrationInterface {
  name = 'CreateEmployment1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign keys: people and companies live in other services' databases.
    await queryRunner.query(`
      CREATE TABLE employees (
        id uuid PRIMARY KEY,
        card_id integer NOT NULL CHECK (card_id >= 0),
        person_id uuid NOT NULL,
        company_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX employees_active_card_unique ON employees (company_id, card_id) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX employees_active_person_company_unique ON employees (person_id, company_id) WHERE ended_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX employees_person ON employees (person_id, created_at)`);
    await queryRunner.query(`CREATE INDEX employees_company ON employees (company_id, created_at)`);
    await queryRunner.query(`CREATE INDEX employees_created_at ON employees (created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE hire_requests (
        request_id varchar(200) PRIMARY KEY,
        event_id uuid NOT NULL,
        outcome text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE deleted_parties (
        id uuid PRIMARY KEY,
        kind varchar(20) NOT NULL,
        deleted_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE processed_events (
        consumer varchar(100) NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await createOutboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTable(queryRunner);
    await queryRunner.query(`DROP TABLE processed_events`);
    await queryRunner.query(`DROP TABLE deleted_parties`);
    await queryRunner.query(`DROP TABLE hire_requests`);
    await queryRunner.query(`DROP TABLE employees`);
  }
}
