import { assertBeforeDeadline } from '#core';
import type { LogContext } from '#observability';
import { keyReusedFailure } from '../idempotency/idempotency-keys.js';
import type { RecordedRequest } from '../idempotency/request-store.js';
import type { GroupedWrite } from './group-writer.js';

/** A write in a group. */
export interface Job<I> extends GroupedWrite<I> {
  /** Hash of what the Idempotency-Key stands for ('' without a key). */
  requestHash: string;
  /** Hours its key answers repeats, when not the writer's retention (a request id's). */
  keyRetentionHours?: number;
}

/** A write waiting for its group. */
export interface QueuedJob<I, R> extends Job<I> {
  /** The caller's log context: the group runs in it when it is every member's. */
  logContext?: LogContext;
  /** performance.now() when it was queued (how long it waited for its group: --diagnose). */
  queuedAt: number;
  resolve(value: R): void;
  reject(error: Error): void;
}

/** A write's result (`repeated` when it is the result recorded for its key before), or its failure. */
export type Outcome<R> = { value: R; repeated?: boolean } | { error: Error };

/** Thrown inside a group's transaction (so it rolls back) when some callers stopped waiting. */
export class CallersGone extends Error {
  constructor(readonly failures: Map<Job<unknown>, Error>) {
    super('callers gone');
  }
}

/** A writer's answer as an outcome. */
export function toOutcome<R>(result: R | Error): Outcome<R> {
  return result instanceof Error ? { error: result } : { value: result };
}

/** The answer a recorded request gives `job`: its result, or 422 for another request under its key. */
export function storedOutcome<R>(row: RecordedRequest, job: Job<unknown>): Outcome<R> {
  return row.request_hash === job.requestHash
    ? { value: JSON.parse(row.result) as R, repeated: true }
    : { error: keyReusedFailure() };
}

/** The deadline's failure when `job`'s caller can no longer get an answer in time. */
export function lateFailure(job: Job<unknown>, now = Date.now()): Error | undefined {
  try {
    assertBeforeDeadline(job.context.deadline, now);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** Rolls the group back when a caller whose write succeeded could no longer get the answer in time. */
export function throwIfCallersGone<I, R>(jobs: Job<I>[], outcomes: Outcome<R>[]): void {
  const now = Date.now();
  const gone = new Map<Job<unknown>, Error>();
  jobs.forEach((job, i) => {
    const late = 'value' in outcomes[i] ? lateFailure(job, now) : undefined;
    if (late) gone.set(job, late);
  });
  if (gone.size > 0) throw new CallersGone(gone);
}

/** The first job of each Idempotency-Key is written; the others in the group get its answer. */
export function oneJobPerKey<I>(jobs: Job<I>[]) {
  const leaderOf = new Map<string, Job<I>>();
  const leaders: Job<I>[] = [];
  const followers = new Map<Job<I>, Job<I>>();
  for (const job of jobs) {
    const key = job.context.idempotencyKey;
    const leader = key === undefined ? undefined : leaderOf.get(key);
    if (leader) followers.set(job, leader);
    else {
      if (key !== undefined) leaderOf.set(key, job);
      leaders.push(job);
    }
  }
  return { leaders, followers };
}

/** The deadline of the group's most patient caller (none when one has none). */
export function latestDeadline(jobs: Job<unknown>[]): number | undefined {
  const deadlines = jobs.map((job) => job.context.deadline);
  return deadlines.includes(undefined) ? undefined : Math.max(...(deadlines as number[]));
}
