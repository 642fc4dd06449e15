import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { EVENT_TYPES, createEnvelope, type EventEnvelope } from '#contracts';
import { OutboxWriter } from '#outbox';
import { EmployeeEntity, toEmployee } from '../employee/employee.entity.js';
import { lockParties } from './party-locks.js';

const CONSUMER = 'end-employments-when-party-deleted';

/** Ends the active employments of a deleted person or company, once per delete event. */
@Injectable()
export class EndEmploymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Records the deletion, ends every active employment naming the party, and emits employee.terminated for each. */
  async endEmploymentsWhenPartyDeleted(
    event: EventEnvelope,
    kind: 'person' | 'company',
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const first = await manager.query(
        `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [CONSUMER, event.id],
      );
      if (first.length === 0) return 0; // delivered before: already applied
      await lockParties(manager, [event.aggregateId], 'exclusive');
      await manager.query(
        `INSERT INTO deleted_parties (id, kind, deleted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [event.aggregateId, kind, event.occurredAt],
      );
      const column = kind === 'person' ? 'personId' : 'companyId';
      const active = await manager.find(EmployeeEntity, {
        where: { [column]: event.aggregateId, endedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      const endedAt = new Date();
      for (const employee of active) employee.endedAt = endedAt;
      await manager.save(EmployeeEntity, active);
      await this.outbox.append(
        manager,
        'employment.events',
        ...active.map((e) =>
          createEnvelope(EVENT_TYPES.employeeTerminated, e.id, toEmployee(e), event.correlationId),
        ),
      );
      return active.length;
    });
  }
}
