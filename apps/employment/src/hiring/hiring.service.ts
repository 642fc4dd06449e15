import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ERROR_CODES, EVENT_TYPES, createEnvelope, type Employee, type Hire } from '#contracts';
import { RpcFailure, type WriteContext } from '#core';
import { OutboxWriter } from '#outbox';
import { GroupCommit } from '#persistence';
import { toEmployee } from '../employee/employee.entity.js';
import type { RejectedHire } from './hire-rejections.js';
import { hireWriter, type HireGroupFacts } from './hire-writer.js';
import { PartyVerifier } from './party-verifier.js';

/** Hires asked for over request/reply (the gateway's POST /employees). */
@Injectable()
export class HiringService {
  /** Concurrent hires share one verification per service, one transaction and multi-row inserts. */
  private readonly hires: GroupCommit<Hire, Employee, HireGroupFacts>;

  constructor(dataSource: DataSource, outbox: OutboxWriter, verifier: PartyVerifier) {
    const writer = hireWriter<Hire, Employee>(
      {
        scope: 'employee.hire',
        hireOf: (hire) => hire,
        answer: ({ context }, decision) => {
          if (!('hired' in decision!)) return { result: rejectionFailure(decision!) };
          const employee = toEmployee(decision.hired);
          return { result: employee, event: hiredEvent(employee, context) };
        },
      },
      verifier,
      outbox,
    );
    this.hires = new GroupCommit(dataSource, writer);
  }

  /**
   * Verifies both parties within the caller's deadline, then persists the employee with its
   * employee.hired event, once per Idempotency-Key; rejections are typed failures.
   */
  hire(hire: Hire, context: WriteContext): Promise<Employee> {
    return this.hires.write(hire, context);
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
