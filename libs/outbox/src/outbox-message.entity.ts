import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event committed with the change that caused it, waiting for the relay to publish it. */
@Entity({ name: 'outbox' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId!: string | null;

  /** W3C trace context of the request that wrote the row: the relay's publish continues it. */
  @Column({ type: 'text', nullable: true })
  traceparent!: string | null;

  /** The serialized envelope, sent as the message value byte for byte. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
