import type { EntityManager } from 'typeorm';
import { EVENT_TOPICS, type EventEnvelope, type Hire } from '#contracts';
import type { OutboxWriter } from '#outbox';
import type { GroupWriter, GroupedWrite } from '#persistence';
import { insertEmployees } from '../employee/employee.entity.js';
import { lockParties } from '../consistency/party-locks.js';
import { activeEmploymentsBlocking, decideHires } from './hire-batch-decision.js';
import { decideHire, type HireDecision } from './hire-decision.js';
import type { KnownParties, PartyVerifier } from './party-verifier.js';

/** What the hires of one group share: which parties exist, and which are known to be deleted. */
export interface HireGroupFacts {
  known: KnownParties;
  deleted: Set<string>;
}

/** A decided write's answer to its caller (a result, or the failure that refuses it) and its event. */
export interface HireAnswer<R> {
  result: R | Error;
  event?: EventEnvelope<unknown>;
}

/** What sets one kind of hire write apart (HTTP hires, Kafka hire requests): its input and answers. */
export interface HireWriteKind<I, R> extends Pick<
  GroupWriter<I, R, HireGroupFacts>,
  'scope' | 'retentionHours' | 'failGroupOnError' | 'answerRepeats'
> {
  /** The hire to decide; undefined when the write is answered without a decision (invalid input). */
  hireOf(input: I): Hire | undefined;
  /** The answer to the write's decision (undefined when it had no hire to decide). */
  answer(write: GroupedWrite<I>, decision: HireDecision | undefined): HireAnswer<R>;
}

/**
 * The one way hires are written, for group commit: one verification of the group's parties (asked
 * ahead, while the group before commits, when the group waited behind it), shared
 * locks on them, the group decided in memory from one read of what blocks it (decideHires) and
 * written with one insert per table; alone, each hire is decided by the unique indexes (decideHire).
 */
export function hireWriter<I, R>(
  kind: HireWriteKind<I, R>,
  verifier: PartyVerifier,
  outbox: OutboxWriter,
): GroupWriter<I, R, HireGroupFacts> {
  const hiresOf = (writes: GroupedWrite<I>[]) => writes.flatMap((w) => kind.hireOf(w.input) ?? []);
  const publish = (manager: EntityManager, answers: HireAnswer<R>[]) =>
    outbox.append(manager, EVENT_TOPICS.employment, ...answers.flatMap((a) => a.event ?? []));
  return {
    scope: kind.scope,
    retentionHours: kind.retentionHours,
    failGroupOnError: kind.failGroupOnError,
    answerRepeats: kind.answerRepeats,
    prefetch(writes, deadline) {
      const hires = hiresOf(writes);
      verifier.prefetch(
        hires.map((h) => h.personId),
        hires.map((h) => h.companyId),
        { correlationId: writes[0].context.correlationId, deadline },
      );
    },
    async prepare(writes, deadline) {
      const hires = hiresOf(writes);
      const known = await verifier.verify(
        hires.map((h) => h.personId),
        hires.map((h) => h.companyId),
        { correlationId: writes[0].context.correlationId, deadline },
      );
      return { known, deleted: new Set<string>() };
    },
    async begin(manager, writes, { known }) {
      const parties = hiresOf(writes).flatMap((h) => [h.personId, h.companyId]);
      return { known, deleted: await lockParties(manager, parties, 'shared') };
    },
    async writeAll(manager, writes, { known, deleted }) {
      const hires = hiresOf(writes);
      const active = await activeEmploymentsBlocking(manager, hires);
      const decisions = decideHires(hires, known, deleted, active);
      await insertEmployees(
        manager,
        decisions.flatMap((d) => ('hired' in d ? [d.hired] : [])),
      );
      let next = 0;
      const answers = writes.map((w) =>
        kind.answer(w, kind.hireOf(w.input) ? decisions[next++] : undefined),
      );
      await publish(manager, answers);
      return answers.map((a) => a.result);
    },
    async writeOne(manager, write, { known, deleted }) {
      const hire = kind.hireOf(write.input);
      const decision = hire && (await decideHire(manager, hire, known, deleted));
      const answer = kind.answer(write, decision);
      if (answer.result instanceof Error) throw answer.result;
      await publish(manager, [answer]);
      return answer.result;
    },
  };
}
