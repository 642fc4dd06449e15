import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '#contracts';
import { OutboxMessageEntity } from './outbox-message.entity.js';

/** Appends events to the outbox inside the caller's transaction. */
@Injectable()
export class OutboxWriter {
  /** Stores `events` for `topic` with the aggregate id as key; commits or rolls back with `manager`'s transaction. */
  async append(
    manager: EntityManager,
    topic: string,
    ...events: EventEnvelope<unknown>[]
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(
      OutboxMessageEntity,
      events.map((event) => ({
        eventId: event.id,
        topic,
        messageKey: event.aggregateId,
        eventType: event.type,
        correlationId: event.correlationId,
        payload: JSON.stringify(event),
      })),
    );
  }
}
