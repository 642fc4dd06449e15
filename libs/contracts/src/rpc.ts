/** Machine-readable error codes of the public contract, plus the generic ones. */
export const ERROR_CODES = {
  validation: 'VALIDATION_FAILED',
  notFound: 'NOT_FOUND',
  emailTaken: 'EMAIL_TAKEN',
  personNotFound: 'PERSON_NOT_FOUND',
  companyNotFound: 'COMPANY_NOT_FOUND',
  cardIdTaken: 'CARD_ID_TAKEN',
  alreadyEmployed: 'ALREADY_EMPLOYED',
  dependencyUnavailable: 'DEPENDENCY_UNAVAILABLE',
  idempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** What a failed request/reply call carries back: enough to build a problem+json. */
export interface RpcError {
  status: number;
  code: ErrorCode;
  title: string;
  detail: string;
}

/** Every reply of a request/reply handler. */
export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: RpcError };
