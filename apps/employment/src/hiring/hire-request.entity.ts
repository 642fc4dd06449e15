import { Column, Entity, PrimaryColumn } from 'typeorm';

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
