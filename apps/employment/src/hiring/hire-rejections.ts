import type { Hire } from '#contracts';
import type { RejectedHire } from './hire-decision.types.js';
import type { KnownParties } from './party-verifier.js';

export type { RejectedHire } from './hire-decision.types.js';

/** The rejection of a hire whose person or company is unknown or deleted; undefined when both exist. */
export function missingParty(
  hire: Hire,
  known: KnownParties,
  deleted: Set<string>,
): RejectedHire | undefined {
  if (!known.people.has(hire.personId) || deleted.has(hire.personId)) {
    return { rejected: 'PERSON_NOT_FOUND', detail: `person ${hire.personId} does not exist` };
  }
  if (!known.companies.has(hire.companyId) || deleted.has(hire.companyId)) {
    return { rejected: 'COMPANY_NOT_FOUND', detail: `company ${hire.companyId} does not exist` };
  }
  return undefined;
}

/** The card id is held by an active employee of the company. */
export function cardTaken(hire: Hire): RejectedHire {
  return {
    rejected: 'CARD_ID_TAKEN',
    detail: `card ${hire.cardId} is held by an active employee of company ${hire.companyId}`,
  };
}

/** The person already works for the company. */
export function alreadyEmployed(hire: Hire): RejectedHire {
  return {
    rejected: 'ALREADY_EMPLOYED',
    detail: `person ${hire.personId} is already employed by company ${hire.companyId}`,
  };
}
