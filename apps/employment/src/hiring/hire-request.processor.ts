import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_TOPICS, type EventEnvelope } from '#contracts';
import { OutboxWriter } from '#outbox';
import type { EventHandler, Parsed } from '#messaging';
import { GroupCommit } from '#persistence';
import { hireOutcome } from './hire-outcome.js';
import type { IncomingHireRequest } from './hire-request.parser.js';
import { hireWriter, type HireGroupFacts } from './hire-writer.js';
import { PartyVerifier } from './party-verifier.js';

/** The duplicate-request store's scope of hire requests: key the requestId, result the outcome event. */
export const HIRE_REQUEST_SCOPE = 'hire-request';

/**
 * The handler of the employment.hire-requests route: answers hire requests through the hires'
 * group commit: one verification request per service per group, one transaction per group,
 * exactly one outcome event per request message. A
 * requestId seen before (in this batch, an earlier one, or by another replica) gets its recorded
 * outcome published again, after the group's new outcomes.
 */
@Injectable()
export class HireRequestProcessor implements EventHandler<IncomingHireRequest> {
  private readonly requests: GroupCommit<
    IncomingHireRequest,
    EventEnvelope<unknown>,
    HireGroupFacts
  >;

  constructor(
    dataSource: DataSource,
    outbox: OutboxWriter,
    private readonly verifier: PartyVerifier,
  ) {
    const writer = hireWriter<IncomingHireRequest, EventEnvelope<unknown>>(
      {
        scope: HIRE_REQUEST_SCOPE,
        // The contract: the same requestId yields the same outcome again, however late it comes.
        retentionHours: null,
        // Rejections are outcomes; any other failure retries (or bisects) the whole batch.
        failGroupOnError: true,
        hireOf: (request) => ('hire' in request ? request.hire : undefined),
        answer: ({ input }, decision) => {
          const outcome = hireOutcome(input, decision);
          return { result: outcome, event: outcome };
        },
        // Same event id: a redelivery of the one outcome, after every event already committed.
        answerRepeats: (manager, repeats) =>
          outbox.append(manager, EVENT_TOPICS.employment, ...repeats.map((r) => r.result)),
      },
      verifier,
      outbox,
    );
    // One group at a time, so the outcomes for one person keep the order of the requests.
    this.requests = new GroupCommit(dataSource, writer, { maxConcurrentGroups: 1 });
  }

  /**
   * Starts asking whether the parties of `requests` (the slice after the one being processed)
   * exist, so that their own process() finds the answers on their way: the verification of slice
   * N+1 overlaps the commit of slice N. It decides and writes nothing; order is process()'s.
   */
  lookAhead(requests: IncomingHireRequest[]): void {
    const hires = requests.flatMap((request) => ('hire' in request ? [request.hire] : []));
    this.verifier.prefetch(
      hires.map((h) => h.personId),
      hires.map((h) => h.companyId),
    );
  }

  /** A slice of the route, in offset order: see process(). */
  handle(messages: Parsed<IncomingHireRequest>[]): Promise<void> {
    return this.process(messages.map((m) => m.value));
  }

  /** Throws (so the batch is retried) when a dependency cannot be asked or the database fails. */
  async process(requests: IncomingHireRequest[]): Promise<void> {
    const written = await Promise.allSettled(
      requests.map((request) =>
        this.requests.write(
          request,
          { correlationId: null, idempotencyKey: request.requestId },
          request.requestId, // a requestId stands for one intended hire, whatever else comes with it
        ),
      ),
    );
    const failed = written.find((w) => w.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
