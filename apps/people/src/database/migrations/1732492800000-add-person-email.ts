import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Adds the optional, unique (case-insensitive) email to a table that already holds people. */
export class AddPersonEmail1732492800000 implements MigrationInterface {
  name = 'AddPersonEmail1732492800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE people ADD COLUMN email varchar(254)`);
    await queryRunner.query(`CREATE UNIQUE INDEX people_email_unique ON people (lower(email))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX people_email_unique`);
    await queryRunner.query(`ALTER TABLE people DROP COLUMN email`);
  }
}
