import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ERROR_CODES,
  EVENT_TOPICS,
  EVENT_TYPES,
  createEnvelope,
  type Employee,
  type Hire,
} from '#contracts';
import { OutboxWriter, RpcFailure, type WriteContext } from '#messaging';
import { earlierResult, guardedWrite } from '#persistence';
import { toEmployee } from '../employee/employee.entity.js';
import { lockParties } from '../consistency/party-locks.js';
import { decideHire } from './hire-decision.js';
import type { RejectedHire } from './hire-rejections.js';
import { PartyVerifier } from './party-verifier.js';

/** Hires asked for over request/reply (the gateway's POST /employees). */
@Injectable()
export class HiringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly verifier: PartyVerifier,
  ) {}

  /**
   * Verifies both parties within the caller's deadline, then persists the employee with its
   * employee.hired event, once per Idempotency-Key; rejections are typed failures.
   */
  async hire(hire: Hire, context: WriteContext): Promise<Employee> {
    const idempotency = { scope: 'employee.hire', request: hire };
    const earlier = await earlierResult<Employee>(this.dataSource, context, idempotency);
    if (earlier) return earlier.result;
    const { correlationId, deadline } = context;
    const known = await this.verifier.verify([hire.personId], [hire.companyId], {
      correlationId,
      deadline,
    });
    return guardedWrite(
      this.dataSource,
      context,
      async (manager) => {
        const deleted = await lockParties(manager, [hire.personId, hire.companyId]);
        const decision = await decideHire(manager, hire, known, deleted);
        if (!('hired' in decision)) throw rejectionFailure(decision);
        const employee = toEmployee(decision.hired);
        await this.outbox.append(
          manager,
          EVENT_TOPICS.employment,
          createEnvelope(EVENT_TYPES.employeeHired, employee.id, employee, correlationId),
        );
        return employee;
      },
      idempotency,
    );
  }
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
