import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EVENT_TOPICS, type EventEnvelope } from '#contracts';
import { RetryLaterError } from '#core';
import { OutboxWriter } from '#outbox';
import { uniqueViolation } from '#persistence';
import { insertEmployees } from '../employee/employee.entity.js';
import { lockParties } from '../consistency/party-locks.js';
import { activeEmploymentsBlocking, decideHires } from './hire-batch-decision.js';
import { decideHire, type HireDecision } from './hire-decision.js';
import { hireOutcome } from './hire-outcome.js';
import { HireRequestEntity, insertHireRequests } from './hire-request.entity.js';
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

    const recorded: Array<{ request_id: string }> = await this.dataSource.query(
      'SELECT request_id FROM hire_requests WHERE request_id = ANY($1::varchar[])',
      [[...firstOfEach.keys()]],
    );
    const seen = new Set(recorded.map((r) => r.request_id));
    const fresh = [...firstOfEach.values()].filter((r) => !seen.has(r.requestId));
    const decidedNow = await this.decide(fresh);

    const needReplay = requests.filter(
      (r) => !(decidedNow.has(r.requestId) && firstOfEach.get(r.requestId) === r),
    );
    await this.replay(needReplay.map((r) => r.requestId));
  }

  private async decide(fresh: IncomingHireRequest[]): Promise<Set<string>> {
    if (fresh.length === 0) return new Set();
    const hires = fresh.flatMap((r) => ('hire' in r ? [r.hire] : []));
    const known = await this.verifier.verify(
      hires.map((h) => h.personId),
      hires.map((h) => h.companyId),
    );
    return this.dataSource.transaction(async (manager) => {
      const deleted = await lockParties(
        manager,
        hires.flatMap((h) => [h.personId, h.companyId]),
        'shared',
      );
      if (await this.recordAll(manager, fresh, known, deleted)) {
        return new Set(fresh.map((r) => r.requestId));
      }
      const decided = new Set<string>();
      for (const request of fresh) {
        if (await this.recordOne(manager, request, known, deleted)) decided.add(request.requestId);
      }
      return decided;
    });
  }

  /**
   * The fast path: decides the whole batch from one read of what stands in its way (deletions are
   * held off by the party locks) and writes it with one multi-row insert per table. False, with
   * nothing written, when a row it did not expect (a concurrent hire's) made an insert fail.
   */
  private async recordAll(
    manager: EntityManager,
    fresh: IncomingHireRequest[],
    known: KnownParties,
    deleted: Set<string>,
  ): Promise<boolean> {
    const valid = fresh.flatMap((r) => ('hire' in r ? [r] : []));
    const active = await activeEmploymentsBlocking(
      manager,
      valid.map((r) => r.hire),
    );
    const decisions = decideHires(
      valid.map((r) => r.hire),
      known,
      deleted,
      active,
    );
    const decisionOf = new Map<IncomingHireRequest, HireDecision>(
      valid.map((r, i) => [r, decisions[i]]),
    );
    const outcomes = fresh.map((r) => hireOutcome(r, decisionOf.get(r)));
    const employees = decisions.flatMap((d) => ('hired' in d ? [d.hired] : []));
    await manager.query('SAVEPOINT batch');
    try {
      await insertEmployees(manager, employees);
      await insertHireRequests(
        manager,
        fresh.map((r, i) => ({
          requestId: r.requestId,
          eventId: outcomes[i].id,
          outcome: JSON.stringify(outcomes[i]),
        })),
      );
      await this.outbox.append(manager, EVENT_TOPICS.employment, ...outcomes);
      await manager.query('RELEASE SAVEPOINT batch');
      return true;
    } catch (error) {
      if (uniqueViolation(error) === undefined) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT batch');
      return false;
    }
  }

  /** The careful path: decides and records one request; false when another replica recorded it first. */
  private async recordOne(
    manager: EntityManager,
    request: IncomingHireRequest,
    known: KnownParties,
    deleted: Set<string>,
  ): Promise<boolean> {
    await manager.query('SAVEPOINT request');
    try {
      const decision =
        'hire' in request ? await decideHire(manager, request.hire, known, deleted) : undefined;
      const outcome = hireOutcome(request, decision);
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
