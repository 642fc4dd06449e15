import type { EntityManager } from 'typeorm';
import type { WriteContext } from '#core';
import type { Statement } from '../statements.js';

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
  /** Scope of these writes' keys in the duplicate-request store ("person.create"). */
  scope: string;
  /** Hours a key answers repeats (default IDEMPOTENCY_KEY_RETENTION_HOURS); null: for good. */
  retentionHours?: number | null;
  /**
   * By default a failure writeOne throws refuses its own request only (each request/reply caller
   * gets its answer). True: it fails and rolls back the whole group, repeats included, so a consumer
   * can retry (or narrow down) its batch as one; such a writer answers refusals as results.
   */
  failGroupOnError?: boolean;
  /**
   * Once per group, before its transaction (e.g. asking other services), while the group's repeats
   * are looked up (so `writes` may include repeats, answered without writing); `deadline` is the
   * latest caller's.
   */
  prepare?(writes: GroupedWrite<I>[], deadline: number | undefined): Promise<S>;
  /** First thing in each transaction of the group (e.g. taking locks); returns what the writes share. */
  begin?(manager: EntityManager, writes: GroupedWrite<I>[], shared: S): Promise<S>;
  /**
   * Writes every request with multi-row statements: each one's result, or the failure that refused
   * it (an Error). Statements it pushes to `pending` are sent after it returns, with the group's
   * request records, in one round trip (runWrites: none may read what another writes). A unique
   * violation (thrown, or met by the pending writes) refuses the group: each request is then
   * written alone with writeOne.
   */
  writeAll(
    manager: EntityManager,
    writes: GroupedWrite<I>[],
    shared: S,
    pending: Statement[],
  ): Promise<Array<R | Error>>;
  /** Writes one request; throws the failure that refuses it. */
  writeOne(manager: EntityManager, write: GroupedWrite<I>, shared: S): Promise<R>;
  /**
   * Answers the writes whose key was recorded before (by an earlier group, another replica, or a
   * write earlier in this group) with their first result, in one transaction after the group's;
   * e.g. publishes a recorded outcome event again. Without it the caller just gets the result.
   */
  answerRepeats?(manager: EntityManager, repeats: Array<RepeatedWrite<I, R>>): Promise<void>;
}

/** A write whose key was recorded before, with the result recorded for it. */
export interface RepeatedWrite<I, R> extends GroupedWrite<I> {
  result: R;
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
