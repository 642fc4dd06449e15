import type { DataSource, EntityManager } from 'typeorm';
import { phasesWatched, reportPhase, since, type WriteContext } from '#core';
import {
  IDEMPOTENCY_KEYS_PKEY,
  keyReusedFailure,
  requestHashOf,
  writeKeyOf,
} from '../idempotency/idempotency-keys.js';
import { RequestStore } from '../idempotency/request-store.js';
import { currentLogContext, runInSharedLogContext } from '#observability';
import { groupCommitWrites } from '../metrics/database-metrics.js';
import { uniqueViolation } from '../pg-errors.js';
import { runWrites, type Statement } from '../statements.js';
import {
  CallersGone,
  lateFailure,
  latestDeadline,
  oneJobPerKey,
  storedOutcome,
  throwIfCallersGone,
  toOutcome,
  type Job,
  type Outcome,
  type QueuedJob,
} from './group-jobs.js';
import type { GroupCommitOptions, GroupWriter } from './group-writer.js';

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
  private readonly store: RequestStore;
  private groupsAtWork = 0;
  private scheduled = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: GroupWriter<I, R, S>,
    options: GroupCommitOptions = {},
  ) {
    this.maxGroupSize = options.maxGroupSize ?? 500;
    this.maxConcurrentGroups = options.maxConcurrentGroups ?? 2;
    this.store = new RequestStore(writer.scope, writer.retentionHours);
  }

  /** Writes `input` in the next group; `request` is what the caller's Idempotency-Key stands for. */
  write(input: I, context: WriteContext, request: unknown = input): Promise<R> {
    // Without an Idempotency-Key, the request's id keys the write: a copy of the request delivered
    // again after a crash is answered with the first result instead of writing twice.
    const key = writeKeyOf(context);
    const keyed = key ? { ...context, idempotencyKey: key.key } : context;
    // A client's key may come back with another body (422); a request id is the same message.
    const requestHash = context.idempotencyKey ? requestHashOf(request) : '';
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        input,
        context: keyed,
        requestHash,
        keyRetentionHours: key?.retentionHours,
        resolve,
        reject,
        logContext: currentLogContext(),
        queuedAt: performance.now(),
      });
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
        const scope = this.writer.scope;
        if (phasesWatched())
          for (const job of jobs) reportPhase(`group-commit queued ${scope}`, since(job.queuedAt));
        groupCommitWrites.observe({ scope: this.writer.scope }, jobs.length);
        this.groupsAtWork += 1;
        const logContexts = jobs.map((job) => job.logContext);
        void runInSharedLogContext(logContexts, () => this.commitGroup(jobs))
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
      const scope = this.writer.scope;
      let started = performance.now();
      // The group is prepared (other services asked) while its repeats are looked up, not after.
      const prepared = this.prepare(onTime);
      const { leaders, followers } = oneJobPerKey(await this.answerRepeatedKeys(onTime, settled));
      reportPhase(`group-commit repeats ${scope}`, since(started));
      if (leaders.length > 0) {
        const shared = (await prepared) as S;
        reportPhase(`group-commit prepare ${scope}`, since(started));
        started = performance.now();
        await this.commitOnTime(leaders, shared, settled);
        reportPhase(`group-commit transaction ${scope}`, since(started));
      }
      for (const [follower, leader] of followers) {
        const outcome = settled.get(leader)!;
        const same = follower.requestHash === leader.requestHash;
        const repeat: Outcome<R> = 'value' in outcome ? { ...outcome, repeated: true } : outcome;
        settled.set(follower, same ? repeat : { error: keyReusedFailure() });
      }
    } catch (error) {
      const all = this.writer.failGroupOnError;
      for (const job of onTime) {
        if (all || !settled.has(job)) settled.set(job, { error: error as Error });
      }
    }
    await this.answerRepeats(jobs, settled);
    return jobs.map((job) => {
      const outcome = settled.get(job)!;
      return 'error' in outcome ? outcome.error : outcome.value;
    });
  }

  /**
   * The writer's prepare for every on-time job (repeats included: they are found meanwhile). Its
   * failure counts only when a job needs it: a group of repeats alone is answered without it.
   */
  private prepare(jobs: Job<I>[]): Promise<S | undefined> {
    if (!this.writer.prepare || jobs.length === 0) return Promise.resolve(undefined);
    const prepared = this.writer.prepare(jobs, latestDeadline(jobs));
    prepared.catch(() => undefined); // awaited (and thrown) only when some job is written
    return prepared;
  }

  /** Settles the jobs whose key is already stored; returns the others. */
  private async answerRepeatedKeys(jobs: Job<I>[], settled: Map<Job<I>, Outcome<R>>) {
    const keys = jobs.flatMap((job) => job.context.idempotencyKey ?? []);
    const byKey = await this.store.find(this.dataSource, keys);
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

  /** Lets the writer answer the repeats among the settled jobs; on failure they get its error. */
  private async answerRepeats(jobs: Job<I>[], settled: Map<Job<I>, Outcome<R>>) {
    const answer = this.writer.answerRepeats?.bind(this.writer);
    const repeated = jobs.filter((job) => {
      const outcome = settled.get(job)!;
      return 'value' in outcome && outcome.repeated;
    });
    if (!answer || repeated.length === 0) return;
    const repeats = repeated.map((job) => ({
      ...job,
      result: (settled.get(job) as { value: R }).value,
    }));
    try {
      await this.dataSource.transaction((manager) => answer(manager, repeats));
    } catch (error) {
      for (const job of repeated) settled.set(job, { error: error as Error });
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
    const pending: Statement[] = [];
    const results = await this.writer.writeAll(manager, jobs, mine, pending);
    const outcomes = results.map(toOutcome);
    const stored = jobs.flatMap((job, i) => {
      const outcome = outcomes[i];
      return job.context.idempotencyKey && 'value' in outcome ? [{ job, outcome }] : [];
    });
    const records = this.store.recordStatements(
      stored.map(({ job, outcome }) => ({
        key: job.context.idempotencyKey!,
        requestHash: job.requestHash,
        result: (outcome as { value: R }).value,
        retentionHours: job.keyRetentionHours,
      })),
    );
    // The writer's pending writes and the request records: one round trip.
    await runWrites(manager, [...pending, ...records]);
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
      const key = job.context.idempotencyKey;
      if (key)
        await this.store.record(manager, [
          {
            key,
            requestHash: job.requestHash,
            result: value,
            retentionHours: job.keyRetentionHours,
          },
        ]);
      await manager.query('RELEASE SAVEPOINT grouped_write');
      return { value };
    } catch (error) {
      // A lost connection fails here too, and with it the whole group.
      await manager.query('ROLLBACK TO SAVEPOINT grouped_write');
      if (job.context.idempotencyKey && uniqueViolation(error) === IDEMPOTENCY_KEYS_PKEY) {
        // The same key came twice: the first one (committed, or earlier in this group) answers.
        const row = (await this.store.find(manager, [job.context.idempotencyKey])).values().next();
        if (!row.done) return storedOutcome<R>(row.value, job);
      }
      if (this.writer.failGroupOnError) throw error;
      return { error: error as Error };
    }
  }
}
