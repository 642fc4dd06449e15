import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { EVENT_TOPICS, EVENT_TYPES } from '#contracts';
import type { HiredEmployee } from './hire-matching.js';

/** Every outcome event seen for one requestId. */
export interface Outcome {
  types: Set<string>;
  /** Distinct event ids: more than one means the request was decided twice. */
  eventIds: Set<string>;
  deliveries: number;
  /** Aggregate ids of its employee.hired events (the employee rows it says it made). */
  hiredIds: Set<string>;
  /** Kafka timestamp of the first delivery (when employment produced it). */
  firstAt: number;
}

/**
 * Reads the event topics and the DLQ from the beginning for the whole run and indexes them: outcomes
 * by requestId, DLQ entries by value, event types by aggregate id.
 */
export class FaultRecorder {
  readonly outcomes = new Map<string, Outcome>();
  readonly dlq = new Map<string, number>();
  readonly eventsByAggregate = new Map<string, string[]>();
  /** Every employee.hired event (hire requests' and HTTP hires'), by aggregate id. */
  readonly hired = new Map<string, HiredEmployee>();
  private consumer?: Consumer;

  constructor(private readonly brokers: string[]) {}

  async start(): Promise<this> {
    const kafka = new Kafka({
      clientId: 'fault-recorder',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
    });
    this.consumer = kafka.consumer({
      groupId: `fault-recorder-${randomUUID()}`,
      maxWaitTimeInMs: 50,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [
        EVENT_TOPICS.employment,
        EVENT_TOPICS.hireRequestsDlq,
        EVENT_TOPICS.people,
        EVENT_TOPICS.companies,
      ],
      fromBeginning: true,
    });
    await this.consumer.run({
      autoCommit: true,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          this.index(batch.topic, m.value?.toString() ?? '', Number(m.timestamp));
        }
      },
    });
    return this;
  }

  /** The outcome of `requestId`, if one arrived. */
  outcome(requestId: string): Outcome | undefined {
    return this.outcomes.get(requestId);
  }

  /** How many of `requestIds` have an outcome. */
  answered(requestIds: readonly string[]): number {
    return requestIds.reduce((n, id) => n + (this.outcomes.has(id) ? 1 : 0), 0);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private index(topic: string, value: string, timestamp: number): void {
    if (topic === EVENT_TOPICS.hireRequestsDlq) {
      this.dlq.set(value, (this.dlq.get(value) ?? 0) + 1);
      return;
    }
    let event: any;
    try {
      event = JSON.parse(value);
    } catch {
      return;
    }
    const types = this.eventsByAggregate.get(event.aggregateId) ?? [];
    this.eventsByAggregate.set(event.aggregateId, [...types, event.type]);
    if (topic === EVENT_TOPICS.employment && event.type === EVENT_TYPES.employeeHired) {
      const { personId, companyId, cardId } = event.data ?? {};
      this.hired.set(event.aggregateId, { id: event.aggregateId, personId, companyId, cardId });
    }
    const requestId = event.data?.requestId;
    if (topic !== EVENT_TOPICS.employment || typeof requestId !== 'string') return;
    if (event.correlationId !== requestId) return;
    const outcome = this.outcomes.get(requestId) ?? {
      types: new Set<string>(),
      eventIds: new Set<string>(),
      deliveries: 0,
      hiredIds: new Set<string>(),
      firstAt: timestamp,
    };
    outcome.types.add(event.type);
    outcome.eventIds.add(event.id);
    outcome.deliveries++;
    if (event.type === EVENT_TYPES.employeeHired) outcome.hiredIds.add(event.aggregateId);
    this.outcomes.set(requestId, outcome);
  }
}
