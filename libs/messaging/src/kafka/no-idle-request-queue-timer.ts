import { createRequire } from 'node:module';

/** The part of kafkajs' internal RequestQueue (kafkajs/src/network/requestQueue) used here. */
export interface RequestQueueInternals {
  pending: unknown[];
  /** Epoch ms until which the broker asked this connection to hold requests; -1 when never. */
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  checkPendingRequests(): void;
}

let installed = false;

/**
 * Stops kafkajs (2.2.4) from running a 1 ms timer forever on every broker connection.
 *
 * Why: RequestQueue.scheduleCheckPendingRequests arms a timer for `throttledUntil - now`, which is
 * negative when nothing is throttled (throttledUntil starts at -1); Node runs a negative delay after
 * 1 ms, the timer calls checkPendingRequests, which schedules again: each connection of an idle app
 * woke its process about 1,000 times a second (strace: 1,600 epoll_pwait/s in an idle gateway) and
 * this was most of the 35–50 ms of CPU per second each idle app used (docs/benchmarks.md, "Idle CPU
 * of the stack"). Upstream: tulios/kafkajs#1556, #1704; fix proposed in #1667, unreleased.
 *
 * With nothing pending and no throttle there is nothing to check: a request that has to wait is
 * queued by push(), which schedules the check itself, and every response calls
 * checkPendingRequests(). Pending requests and throttles keep kafkajs' own scheduling (including
 * the 10 ms retry of tulios/kafkajs#1532 for a throttle that ends within the millisecond).
 * Installed once (a prototype wrapper, as in rejoinAsSameMember), idempotent.
 */
export function noIdleRequestQueueTimer(): void {
  if (installed) return;
  installed = true;
  const RequestQueue = requestQueueClass();
  const schedule = RequestQueue.prototype.scheduleCheckPendingRequests;
  if (typeof schedule !== 'function')
    throw new Error('kafkajs RequestQueue changed: scheduleCheckPendingRequests not found');
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
}

/** kafkajs' RequestQueue class (one instance per broker connection). */
export function requestQueueClass(): {
  new (options: Record<string, unknown>): RequestQueueInternals;
  prototype: RequestQueueInternals;
} {
  return createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js');
}
