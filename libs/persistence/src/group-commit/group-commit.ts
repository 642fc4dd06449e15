import type { DataSource, EntityManager } from 'typeorm';
import { assertBeforeDeadline, type WriteContext } from '#core';
import {
  IDEMPOTENCY_KEYS_PKEY,
  keyReusedFailure,
  requestHashOf,
} from '../idempotency/idempotency-keys.js';
import { uniqueViolation } from '../pg-errors.js';

/** One caller's write: what to write, and the request context it came with. */
export interface GroupedWrite<I> {
  input: I;
  context: WriteContext;
}

/**
 * How one kind of write is done for a whole group at once, and for one request alone when a row
 * the group could not foresee is in the way. `S` is what the group's writes share (verified ids,
 * locks' findings).
 */
export interface GroupWriter<I, R, S = undefined> {
  /** Idempotency-Key scope of these writes ("person.create"). */
  scope: string;
  /** Once per group, before its transaction (e.g. asking other services); `deadline` is the latest caller's. */
  prepare?(writes: GroupedWrite<I>[], deadline: number | undefined): Promise<S>;
  /** First thing in each transaction of the group (e.g. taking locks); returns what the writes share. */
  begin?(manager: EntityManager, writes: GroupedWrite<I>[], shared: S): Promise<S>;
  /**
   * Writes every request with multi-row statements: each one's result, or the failure that refused
   * it (an Error). Throws a unique violation when the database refuses the group: each request is
   * then written alone with writeOne.
   */
  writeAll(manager: EntityManager, writes: GroupedWrite<I>[], shared: S): Promise<Array<R | Error>>;
  /** Writes one request; throws the failure that refuses it. */
  writeOne(manager: EntityManager, write: GroupedWrite<I>, shared: S): Promise<R>;
}

interface Job<I> extends GroupedWrite<I> {
  /** Hash of what the Idempotency-Key stands for ('' without a key). */
  requestHash: string;
}

interface QueuedJob<I, R> extends Job<I> {
  resolve(value: R): void;
  reject(error: Error): void;
}

export interface GroupCommitOptions {
  /** Most writes in one group. */
  maxGroupSize?: number;
  /**
   * Groups at work at once. Writes that arrive meanwhile wait and form the next group, so groups
   * grow with the load instead of transactions multiplying (and queueing for connections and locks).
   */
  maxConcurrentGroups?: number;
}

type Outcome<R> = { value: R } | { error: Error };

interface KeyRow {
  key: string;
  request_hash: string;
  result: string;
}

/** Thrown inside a group's transaction (so it rolls back) when some callers stopped waiting. */
class CallersGone extends Error {
  constructor(readonly failures: Map<Job<unknown>, Error>) {
    super('callers gone');
  }
}

/**
 * Group commit for request/reply writes: the writes asked for in one tick (the requests of one
 * fetched batch) share one transaction, one multi-row statement per table and one commit, instead
 * of a transaction each. Each caller keeps its own answer, deadline and Idempotency-Key:
 * - a key already stored answers with its first result (422 when it came with another request);
 * - nothing commits for a caller whose deadline has passed (the group is retried without it);
 * - when the group's multi-row write meets a unique violation, each request is written alone under
 *   a savepoint in one transaction, so one refused request does not refuse the others.
 */
export class GroupCommit<I, R, S = undefined> {
  private readonly queue: QueuedJob<I, R>[] = [];
  private readonly maxGroupSize: number;
  private readonly maxConcurrentGroups: number;
  private groupsAtWork = 0;
  private scheduled = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: GroupWriter<I, R, S>,
    options: GroupCommitOptions = {},
  ) {
    this.maxGroupSize = options.maxGroupSize ?? 500;
    this.maxConcurrentGroups = options.maxConcurrentGroups ?? 2;
  }

  /** Writes `input` in the next group; `request` is what the caller's Idempotency-Key stands for. */
  write(input: I, context: WriteContext, request: unknown = input): Promise<R> {
    const requestHash = context.idempotencyKey ? requestHashOf(request) : '';
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ input, context, requestHash, resolve, reject });
      this.schedule();
    });
  }

  /** Starts the next group after this turn of the event loop, which gathers a batch's writes. */
  private schedule(): void {
    if (this.scheduled || this.groupsAtWork >= this.maxConcurrentGroups) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0 && this.groupsAtWork < this.maxConcurrentGroups) {
        const jobs = this.queue.splice(0, this.maxGroupSize);
        this.groupsAtWork += 1;
        void this.commitGroup(jobs)
          .then(
            (results) =>
              jobs.forEach((job, i) => {
                const result = results[i];
                if (result instanceof Error) job.reject(result);
                else job.resolve(result);
              }),
            (error: Error) => jobs.forEach((job) => job.reject(error)),
          )
          .finally(() => {
            this.groupsAtWork -= 1;
            if (this.queue.length > 0) this.schedule();
          });
      }
    });
  }

  /** Each job's result or failure. */
  private async commitGroup(jobs: Job<I>[]): Promise<Array<R | Error>> {
    const settled = new Map<Job<I>, Outcome<R>>();
    const onTime = jobs.filter((job) => {
      const late = lateFailure(job);
      if (late) settled.set(job, { error: late });
      return !late;
    });
    try {
      const { leaders, followers } = oneJobPerKey(await this.answerRepeatedKeys(onTime, settled));
      if (leaders.length > 0) {
        const deadline = latestDeadline(leaders);
        const shared = (await this.writer.prepare?.(leaders, deadline)) as S;
        await this.commitOnTime(leaders, shared, settled);
      }
      for (const [follower, leader] of followers) {
        const outcome = settled.get(leader)!;
        const same = follower.requestHash === leader.requestHash;
        settled.set(follower, same ? outcome : { error: keyReusedFailure() });
      }
    } catch (error) {
      for (const job of onTime) if (!settled.has(job)) settled.set(job, { error: error as Error });
    }
    return jobs.map((job) => {
      const outcome = settled.get(job)!;
      return 'error' in outcome ? outcome.error : outcome.value;
    });
  }

  /** Settles the jobs whose key is already stored; returns the others. */
  private async answerRepeatedKeys(jobs: Job<I>[], settled: Map<Job<I>, Outcome<R>>) {
    const keys = jobs.flatMap((job) => job.context.idempotencyKey ?? []);
    if (keys.length === 0) return jobs;
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT key, request_hash, result FROM idempotency_keys WHERE scope = $1 AND key = ANY($2::text[])`,
      [this.writer.scope, keys],
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return jobs.filter((job) => {
      const row = job.context.idempotencyKey && byKey.get(job.context.idempotencyKey);
      if (row) settled.set(job, storedOutcome<R>(row, job));
      return !row;
    });
  }

  /** Commits the group; when callers stop waiting meanwhile, again without them. */
  private async commitOnTime(jobs: Job<I>[], shared: S, settled: Map<Job<I>, Outcome<R>>) {
    let live = jobs;
    while (live.length > 0) {
      try {
        const outcomes = await this.commit(live, shared);
        live.forEach((job, i) => settled.set(job, outcomes[i]));
        return;
      } catch (error) {
        if (!(error instanceof CallersGone)) throw error;
        for (const [job, late] of error.failures) settled.set(job as Job<I>, { error: late });
        live = live.filter((job) => !error.failures.has(job));
      }
    }
  }

  private async commit(jobs: Job<I>[], shared: S): Promise<Outcome<R>[]> {
    try {
      return await this.dataSource.transaction((manager) => this.writeAll(manager, jobs, shared));
    } catch (error) {
      if (uniqueViolation(error) === undefined) throw error;
      return this.dataSource.transaction((manager) => this.writeEach(manager, jobs, shared));
    }
  }

  private async writeAll(manager: EntityManager, jobs: Job<I>[], shared: S) {
    const mine = (await this.writer.begin?.(manager, jobs, shared)) ?? shared;
    const results = await this.writer.writeAll(manager, jobs, mine);
    const outcomes = results.map(toOutcome);
    const stored = jobs.flatMap((job, i) => {
      const outcome = outcomes[i];
      return job.context.idempotencyKey && 'value' in outcome ? [{ job, outcome }] : [];
    });
    if (stored.length > 0) {
      await manager.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash, result)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [
          this.writer.scope,
          stored.map((s) => s.job.context.idempotencyKey),
          stored.map((s) => s.job.requestHash),
          stored.map((s) => JSON.stringify((s.outcome as { value: R }).value)),
        ],
      );
    }
    throwIfCallersGone(jobs, outcomes);
    return outcomes;
  }

  private async writeEach(manager: EntityManager, jobs: Job<I>[], shared: S) {
    const mine = (await this.writer.begin?.(manager, jobs, shared)) ?? shared;
    const outcomes: Outcome<R>[] = [];
    for (const job of jobs) outcomes.push(await this.writeOne(manager, job, mine));
    throwIfCallersGone(jobs, outcomes);
    return outcomes;
  }

  private async writeOne(manager: EntityManager, job: Job<I>, shared: S): Promise<Outcome<R>> {
    await manager.query('SAVEPOINT grouped_write');
    try {
      const value = await this.writer.writeOne(manager, job, shared);
      if (job.context.idempotencyKey) {
        await manager.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash, result) VALUES ($1, $2, $3, $4)`,
          [this.writer.scope, job.context.idempotencyKey, job.requestHash, JSON.stringify(value)],
        );
      }
      await manager.query('RELEASE SAVEPOINT grouped_write');
      return { value };
    } catch (error) {
      // A lost connection fails here too, and with it the whole group.
      await manager.query('ROLLBACK TO SAVEPOINT grouped_write');
      if (job.context.idempotencyKey && uniqueViolation(error) === IDEMPOTENCY_KEYS_PKEY) {
        // The same key came twice: the first one (committed, or earlier in this group) answers.
        const rows: KeyRow[] = await manager.query(
          `SELECT key, request_hash, result FROM idempotency_keys WHERE scope = $1 AND key = $2`,
          [this.writer.scope, job.context.idempotencyKey],
        );
        if (rows[0]) return storedOutcome<R>(rows[0], job);
      }
      return { error: error as Error };
    }
  }
}

function toOutcome<R>(result: R | Error): Outcome<R> {
  return result instanceof Error ? { error: result } : { value: result };
}

function storedOutcome<R>(row: KeyRow, job: Job<unknown>): Outcome<R> {
  return row.request_hash === job.requestHash
    ? { value: JSON.parse(row.result) as R }
    : { error: keyReusedFailure() };
}

/** The deadline's failure when `job`'s caller can no longer get an answer in time. */
function lateFailure(job: Job<unknown>, now = Date.now()): Error | undefined {
  try {
    assertBeforeDeadline(job.context.deadline, now);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** Rolls the group back when a caller whose write succeeded could no longer get the answer in time. */
function throwIfCallersGone<I, R>(jobs: Job<I>[], outcomes: Outcome<R>[]): void {
  const now = Date.now();
  const gone = new Map<Job<unknown>, Error>();
  jobs.forEach((job, i) => {
    const late = 'value' in outcomes[i] ? lateFailure(job, now) : undefined;
    if (late) gone.set(job, late);
  });
  if (gone.size > 0) throw new CallersGone(gone);
}

/** The first job of each Idempotency-Key is written; the others in the group get its answer. */
function oneJobPerKey<I>(jobs: Job<I>[]) {
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

function latestDeadline(jobs: Job<unknown>[]): number | undefined {
  const deadlines = jobs.map((job) => job.context.deadline);
  return deadlines.includes(undefined) ? undefined : Math.max(...(deadlines as number[]));
}
