import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable, dropOutboxTable } from '#outbox';

export class CreatePeople1732406400000 implements MigrationInterface {
  name = 'CreatePeople1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY,
        full_name varchar(200) NOT NULL,
        address varchar(500),
        country varchar(100),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX people_created_at ON people (created_at, id)`);
    await createOutboxTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOutboxTable(queryRunner);
    await queryRunner.query(`DROP TABLE people`);
  }
}
