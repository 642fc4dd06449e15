import type { QueryRunner } from 'typeorm';

/** Channel the outbox trigger notifies on every insert, waking the relay at commit. */
export const OUTBOX_CHANNEL = 'outbox_inserted';

/** Creates the outbox table and its notify trigger; call from a service's first migration. */
export async function createOutboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      message_key text NOT NULL,
      event_type text NOT NULL,
      correlation_id text,
      payload text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await queryRunner.query(`CREATE UNIQUE INDEX outbox_event_id ON outbox (event_id)`);
  await queryRunner.query(
    `CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL`,
  );
  await queryRunner.query(`
    CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('${OUTBOX_CHANNEL}', ''); RETURN NULL; END $$`);
  await queryRunner.query(`
    CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
}

/** Drops what createOutboxTable made. */
export async function dropOutboxTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE outbox`);
  await queryRunner.query(`DROP FUNCTION outbox_notify()`);
}

/** Lets one event id be stored more than once, for deliberate redeliveries (replayed outcomes). */
export async function allowOutboxRedelivery(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP INDEX outbox_event_id`);
  await queryRunner.query(`CREATE INDEX outbox_event_id ON outbox (event_id)`);
}

/** Undoes allowOutboxRedelivery (fails while an event id is stored twice). */
export async function forbidOutboxRedelivery(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP INDEX outbox_event_id`);
  await queryRunner.query(`CREATE UNIQUE INDEX outbox_event_id ON outbox (event_id)`);
}

/** Keeps each outbox row's writer trace (`traceparent`), which the relay's publish continues. */
export async function addOutboxTraceparent(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE outbox ADD COLUMN traceparent text`);
}

/** Undoes addOutboxTraceparent. */
export async function dropOutboxTraceparent(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
}
