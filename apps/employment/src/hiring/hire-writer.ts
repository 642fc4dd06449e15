import { EVENT_TOPICS, type EventEnvelope, type Hire } from '#contracts';
import type { OutboxWriter } from '#outbox';
import type { GroupWriter, GroupedWrite } from '#persistence';
import { insertEmployeesStatements } from '../employee/employee.entity.js';
import { lockParties } from '../consistency/party-locks.js';
import { decideHires, readHireGroup } from './hire-batch-decision.js';
import { decideHire, type HireDecision } from './hire-decision.js';
import type { KnownParties, PartyVerifier } from './party-verifier.js';

/** What the hires of one group share: which parties exist, as their services answered. */
export interface HireGroupFacts {
  known: KnownParties;
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
 * The one way hires are written, for group commit: one verification of the group's parties, then
 * in one transaction of five round trips (begin, shared locks on the parties, readHireGroup, the
 * writes, commit) the group decided in memory (decideHires) and its employees, outbox rows and
 * request records sent together (runWrites); alone, each hire is decided by the unique indexes
 * (decideHire).
 */
export function hireWriter<I, R>(
  kind: HireWriteKind<I, R>,
  verifier: PartyVerifier,
  outbox: OutboxWriter,
): GroupWriter<I, R, HireGroupFacts> {
  const hiresOf = (writes: GroupedWrite<I>[]) => writes.flatMap((w) => kind.hireOf(w.input) ?? []);
  const events = (answers: HireAnswer<R>[]) => answers.flatMap((a) => a.event ?? []);
  return {
    scope: kind.scope,
    retentionHours: kind.retentionHours,
    failGroupOnError: kind.failGroupOnError,
    answerRepeats: kind.answerRepeats,
    async prepare(writes, deadline) {
      const hires = hiresOf(writes);
      const known = await verifier.verify(
        hires.map((h) => h.personId),
        hires.map((h) => h.companyId),
        { correlationId: writes[0].context.correlationId, deadline },
      );
      return { known };
    },
    async begin(manager, writes, facts) {
      const parties = hiresOf(writes).flatMap((h) => [h.personId, h.companyId]);
      await lockParties(manager, parties, 'shared');
      return facts;
    },
    async writeAll(manager, writes, { known }, pending) {
      const hires = hiresOf(writes);
      const { deleted, active } = await readHireGroup(manager, hires);
      const decisions = decideHires(hires, known, deleted, active);
      let next = 0;
      const answers = writes.map((w) =>
        kind.answer(w, kind.hireOf(w.input) ? decisions[next++] : undefined),
      );
      pending.push(
        ...insertEmployeesStatements(decisions.flatMap((d) => ('hired' in d ? [d.hired] : []))),
        ...outbox.appendStatements(EVENT_TOPICS.employment, ...events(answers)),
      );
      return answers.map((a) => a.result);
    },
    // Only when a concurrent transaction refused the group: one read more per hire is no matter.
    async writeOne(manager, write, { known }) {
      const hire = kind.hireOf(write.input);
      let decision: HireDecision | undefined;
      if (hire) {
        const { deleted } = await readHireGroup(manager, [hire]);
        decision = await decideHire(manager, hire, known, deleted);
      }
      const answer = kind.answer(write, decision);
      if (answer.result instanceof Error) throw answer.result;
      await outbox.append(manager, EVENT_TOPICS.employment, ...events([answer]));
      return answer.result;
    },
  };
}
