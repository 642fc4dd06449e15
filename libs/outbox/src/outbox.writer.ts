import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '#contracts';
import { runWrites, type Statement } from '#persistence';
import { activeTraceparent, currentLogContext, traceparentOf } from '#observability';

/** Appends events to the outbox inside the caller's transaction. */
@Injectable()
export class OutboxWriter {
  /**
   * Stores `events` for `topic` with the aggregate id as key; commits or rolls back with `manager`'s
   * transaction. One statement for any number of events (TypeORM's multi-row insert builder cost
   * more CPU than the rest of a batch of hires). Each row keeps the trace at hand (the writer's
   * span with tracing on, else its log context's trace id), which the relay and consumers continue.
   */
  async append(
    manager: EntityManager,
    topic: string,
    ...events: EventEnvelope<unknown>[]
  ): Promise<void> {
    await runWrites(manager, this.appendStatements(topic, ...events));
  }

  /** The statement append would run (none for no events), to send with others (runWrites). */
  appendStatements(topic: string, ...events: EventEnvelope<unknown>[]): Statement[] {
    if (events.length === 0) return [];
    return [
      {
        sql: `INSERT INTO outbox (event_id, topic, message_key, event_type, correlation_id, payload, traceparent)
       SELECT e.event_id, $1, e.message_key, e.event_type, e.correlation_id, e.payload, $7
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS e(event_id, message_key, event_type, correlation_id, payload)`,
        params: [
          topic,
          events.map((e) => e.id),
          events.map((e) => e.aggregateId),
          events.map((e) => e.type),
          events.map((e) => e.correlationId),
          events.map((e) => JSON.stringify(e)),
          writerTraceparent(),
        ],
      },
    ];
  }
}

/** The trace the rows continue: the span at hand, else the log context's trace, else none. */
function writerTraceparent(): string | null {
  const log = currentLogContext();
  return activeTraceparent() ?? (log ? traceparentOf(log.traceId) : null);
}
