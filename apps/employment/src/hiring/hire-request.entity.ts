import { Column, Entity, PrimaryColumn, type EntityManager } from 'typeorm';

/** The recorded outcome of a hire request, so a repeated requestId yields the same outcome. */
@Entity({ name: 'hire_requests' })
export class HireRequestEntity {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 200 })
  requestId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** The outcome event's serialized envelope, replayed verbatim for a repeated request. */
  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** Records the outcomes of hire requests with one statement. */
export async function insertHireRequests(
  manager: EntityManager,
  rows: Array<Pick<HireRequestEntity, 'requestId' | 'eventId' | 'outcome'>>,
): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO hire_requests (request_id, event_id, outcome)
     SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::text[])`,
    [rows.map((r) => r.requestId), rows.map((r) => r.eventId), rows.map((r) => r.outcome)],
  );
}
