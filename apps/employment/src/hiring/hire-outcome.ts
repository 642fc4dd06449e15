import {
  EVENT_TYPES,
  createEnvelope,
  uuidFromText,
  type EventEnvelope,
  type HireRejection,
  type HireRejectionReason,
} from '#contracts';
import { toEmployee } from '../employee/employee.entity.js';
import type { HireDecision } from './hire-decision.js';
import type { IncomingHireRequest } from './hire-request.parser.js';

/** The outcome event of a hire request: employee.hired, or employee.hire-rejected with its reason. */
export function hireOutcome(
  request: IncomingHireRequest,
  decision?: HireDecision,
): EventEnvelope<unknown> {
  if ('invalid' in request) {
    const { raw, detail } = request.invalid;
    return rejection(request.requestId, raw, 'INVALID_REQUEST', detail);
  }
  if (!decision) throw new Error(`hire request ${request.requestId} was not decided`);
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
