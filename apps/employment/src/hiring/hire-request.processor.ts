import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  EVENT_TOPICS,
  EVENT_TYPES,
  createEnvelope,
  uuidFromText,
  type EventEnvelope,
  type HireRejection,
  type HireRejectionReason,
} from '#contracts';
import { OutboxWriter, RetryLaterError } from '#messaging';
import { uniqueViolation } from '#persistence';
import { toEmployee } from '../employee/employee.entity.js';
import { lockParties } from '../consistency/party-locks.js';
import { decideHire } from './hire-decision.js';
import { HireRequestEntity } from './hire-request.entity.js';
import type { IncomingHireRequest } from './hire-request.parser.js';
import { PartyVerifier, type KnownParties } from './party-verifier.js';

const HIRE_REQUESTS_PKEY = 'hire_requests_pkey';

/**
 * Answers hire requests from Kafka a batch at a time: one verification request per service per
 * batch, one transaction per batch, exactly one outcome event per request message. A requestId
 * seen before (in this batch, an earlier one, or by another replica) gets its recorded outcome again.
 */
@Injectable()
export class HireRequestProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly verifier: PartyVerifier,
  ) {}

  /** Throws (so the batch is retried) when a dependency cannot be asked or the database fails. */
  async process(requests: IncomingHireRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const firstOfEach = new Map<string, IncomingHireRequest>();
    for (const r of requests) if (!firstOfEach.has(r.requestId)) firstOfEach.set(r.requestId, r);

    const recorded = await this.dataSource.manager.findBy(HireRequestEntity, {
      requestId: In([...firstOfEach.keys()]),
    });
    const seen = new Set(recorded.map((r) => r.requestId));
    const fresh = [...firstOfEach.values()].filter((r) => !seen.has(r.requestId));
    const decidedNow = await this.decide(fresh);

    const needReplay = requests.filter(
      (r) => !(decidedNow.has(r.requestId) && firstOfEach.get(r.requestId) === r),
    );
    await this.replay(needReplay.map((r) => r.requestId));
  }

  private async decide(fresh: IncomingHireRequest[]): Promise<Set<string>> {
    const decided = new Set<string>();
    if (fresh.length === 0) return decided;
    const hires = fresh.flatMap((r) => ('hire' in r ? [r.hire] : []));
    const known = await this.verifier.verify(
      hires.map((h) => h.personId),
      hires.map((h) => h.companyId),
    );
    await this.dataSource.transaction(async (manager) => {
      const deleted = await lockParties(
        manager,
        hires.flatMap((h) => [h.personId, h.companyId]),
      );
      for (const request of fresh) {
        if (await this.record(manager, request, known, deleted)) decided.add(request.requestId);
      }
    });
    return decided;
  }

  /** Decides and records one request; false when another replica recorded the same requestId first. */
  private async record(
    manager: EntityManager,
    request: IncomingHireRequest,
    known: KnownParties,
    deleted: Set<string>,
  ): Promise<boolean> {
    await manager.query('SAVEPOINT request');
    try {
      const outcome = await this.outcome(manager, request, known, deleted);
      await manager.insert(HireRequestEntity, {
        requestId: request.requestId,
        eventId: outcome.id,
        outcome: JSON.stringify(outcome),
      });
      await this.outbox.append(manager, EVENT_TOPICS.employment, outcome);
      await manager.query('RELEASE SAVEPOINT request');
      return true;
    } catch (error) {
      if (uniqueViolation(error) !== HIRE_REQUESTS_PKEY) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT request');
      return false;
    }
  }

  private async outcome(
    manager: EntityManager,
    request: IncomingHireRequest,
    known: KnownParties,
    deleted: Set<string>,
  ): Promise<EventEnvelope<unknown>> {
    if ('invalid' in request) {
      const { raw, detail } = request.invalid;
      return rejection(request.requestId, raw, 'INVALID_REQUEST', detail);
    }
    const decision = await decideHire(manager, request.hire, known, deleted);
    if ('hired' in decision) {
      const employee = toEmployee(decision.hired);
      return createEnvelope(
        EVENT_TYPES.employeeHired,
        employee.id,
        { ...employee, requestId: request.requestId },
        request.requestId,
      );
    }
    return rejection(request.requestId, request.hire, decision.rejected, decision.detail);
  }

  /**
   * Publishes the recorded outcome of each request again (same event id: a redelivery of one
   * outcome) through the outbox, so it takes its place after every event already committed.
   */
  private async replay(requestIds: string[]): Promise<void> {
    if (requestIds.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.findBy(HireRequestEntity, {
        requestId: In([...new Set(requestIds)]),
      });
      const byId = new Map(rows.map((r) => [r.requestId, r]));
      const outcomes = requestIds.map((id) => {
        const row = byId.get(id);
        if (!row) throw new RetryLaterError(`hire request ${id} has no recorded outcome yet`);
        return JSON.parse(row.outcome) as EventEnvelope;
      });
      await this.outbox.append(manager, EVENT_TOPICS.employment, ...outcomes);
    });
  }
}

function rejection(
  requestId: string,
  fields: { personId?: unknown; companyId?: unknown; cardId?: unknown },
  reason: HireRejectionReason,
  detail: string,
): EventEnvelope<HireRejection> {
  const data: HireRejection = {
    requestId,
    personId: fields.personId ?? null,
    companyId: fields.companyId ?? null,
    cardId: fields.cardId ?? null,
    reason,
    detail,
  };
  return createEnvelope(
    EVENT_TYPES.employeeHireRejected,
    uuidFromText(`hire-request:${requestId}`),
    data,
    requestId,
  );
}
