import { DependencyUnavailableError } from './rpc-errors.js';

/** What a write handler needs from its request besides the payload. */
export interface WriteContext {
  correlationId: string | null;
  /** Epoch ms after which the caller has given up: nothing may commit after it. */
  deadline?: number;
  /** The client's Idempotency-Key: a second request with it gets the first one's result. */
  idempotencyKey?: string;
  /**
   * The id of the request message (its correlation id on Kafka): a copy of it delivered again
   * after a crash, before its offset was committed, gets the first copy's result.
   */
  requestId?: string;
}

/** Time kept between commit and the caller's deadline, for the reply to reach it. */
const REPLY_MARGIN_MS = 50;

/** Throws (so the transaction rolls back) when the caller's answer could no longer reach it in time. */
export function assertBeforeDeadline(deadline: number | undefined, now = Date.now()): void {
  if (deadline !== undefined && now > deadline - REPLY_MARGIN_MS) {
    throw new DependencyUnavailableError(
      'the request ran out of time before it could commit; nothing was changed, retry it',
    );
  }
}
