import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ERROR_CODES,
  EVENT_TOPICS,
  EVENT_TYPES,
  createEnvelope,
  type Employee,
  type Hire,
} from '#contracts';
import { RpcFailure, type WriteContext } from '#core';
import { OutboxWriter } from '#outbox';
import { GroupCommit, type GroupedWrite } from '#persistence';
import { insertEmployees, toEmployee } from '../employee/employee.entity.js';
import { lockParties } from '../consistency/party-locks.js';
import { activeEmploymentsBlocking, decideHires } from './hire-batch-decision.js';
import { decideHire } from './hire-decision.js';
import type { RejectedHire } from './hire-rejections.js';
import { PartyVerifier, type KnownParties } from './party-verifier.js';

/** What the hires of one group share: which parties exist, and which are known to be deleted. */
interface HireGroupFacts {
  known: KnownParties;
  deleted: Set<string>;
}

/** Hires asked for over request/reply (the gateway's POST /employees). */
@Injectable()
export class HiringService {
  /** Concurrent hires share one verification per service, one transaction and multi-row inserts. */
  private readonly hires: GroupCommit<Hire, Employee, HireGroupFacts>;

  constructor(
    dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly verifier: PartyVerifier,
  ) {
    this.hires = new GroupCommit<Hire, Employee, HireGroupFacts>(dataSource, {
      scope: 'employee.hire',
      prepare: (writes, deadline) => this.verify(writes, deadline),
      begin: async (manager, writes, facts) => ({
        known: facts.known,
        deleted: await lockParties(
          manager,
          writes.flatMap((w) => [w.input.personId, w.input.companyId]),
          'shared',
        ),
      }),
      writeAll: (manager, writes, facts) => this.hireAll(manager, writes, facts),
      writeOne: (manager, write, facts) => this.hireOne(manager, write, facts),
    });
  }

  /**
   * Verifies both parties within the caller's deadline, then persists the employee with its
   * employee.hired event, once per Idempotency-Key; rejections are typed failures.
   */
  hire(hire: Hire, context: WriteContext): Promise<Employee> {
    return this.hires.write(hire, context);
  }

  private async verify(writes: GroupedWrite<Hire>[], deadline: number | undefined) {
    const known = await this.verifier.verify(
      writes.map((w) => w.input.personId),
      writes.map((w) => w.input.companyId),
      { correlationId: writes[0].context.correlationId, deadline },
    );
    return { known, deleted: new Set<string>() };
  }

  /** Decides the group in order from one read of what blocks it; one insert per table. */
  private async hireAll(
    manager: EntityManager,
    writes: GroupedWrite<Hire>[],
    { known, deleted }: HireGroupFacts,
  ): Promise<Array<Employee | Error>> {
    const hires = writes.map((w) => w.input);
    const active = await activeEmploymentsBlocking(manager, hires);
    const decisions = decideHires(hires, known, deleted, active);
    const hired = decisions.flatMap((d) => ('hired' in d ? [d.hired] : []));
    await insertEmployees(manager, hired);
    const results = decisions.map((d) =>
      'hired' in d ? toEmployee(d.hired) : rejectionFailure(d),
    );
    const events = writes.flatMap((w, i) => {
      const result = results[i];
      return result instanceof RpcFailure ? [] : [hiredEvent(result, w.context)];
    });
    await this.outbox.append(manager, EVENT_TOPICS.employment, ...events);
    return results;
  }

  /** One hire alone, the database's unique indexes settling races with other replicas. */
  private async hireOne(
    manager: EntityManager,
    { input, context }: GroupedWrite<Hire>,
    { known, deleted }: HireGroupFacts,
  ): Promise<Employee> {
    const decision = await decideHire(manager, input, known, deleted);
    if (!('hired' in decision)) throw rejectionFailure(decision);
    const employee = toEmployee(decision.hired);
    await this.outbox.append(manager, EVENT_TOPICS.employment, hiredEvent(employee, context));
    return employee;
  }
}

function hiredEvent(employee: Employee, context: WriteContext) {
  return createEnvelope(EVENT_TYPES.employeeHired, employee.id, employee, context.correlationId);
}

function rejectionFailure(decision: RejectedHire): RpcFailure {
  switch (decision.rejected) {
    case 'PERSON_NOT_FOUND':
      return RpcFailure.unprocessable(ERROR_CODES.personNotFound, decision.detail);
    case 'COMPANY_NOT_FOUND':
      return RpcFailure.unprocessable(ERROR_CODES.companyNotFound, decision.detail);
    case 'CARD_ID_TAKEN':
      return RpcFailure.conflict(ERROR_CODES.cardIdTaken, decision.detail);
    case 'ALREADY_EMPLOYED':
      return RpcFailure.conflict(ERROR_CODES.alreadyEmployed, decision.detail);
  }
}
