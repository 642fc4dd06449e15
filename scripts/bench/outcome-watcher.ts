import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { noDelaySocketFactory } from '#messaging';

/** Arrival times (performance.now()) of the messages a watcher was waiting for, by key. */
export interface OutcomeWatcher {
  readonly arrivals: Map<string, { at: number; event: any }>;
  /** Resolves once `expected` distinct keys arrived; rejects after `timeoutMs`. */
  all(expected: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** A plain kafkajs client (with the product's TCP_NODELAY) for the bench's measuring and baseline clients. */
export function plainKafka(brokers: string, clientId = 'bench'): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    socketFactory: noDelaySocketFactory,
  });
}

/**
 * Reads `topic` (joined before this resolves) and records when each message whose
 * `keyOf(event)` is defined arrived; `keyOf` picks the bench's own messages out of the topic.
 */
export async function watchTopic(
  brokers: string,
  topic: string,
  keyOf: (event: any) => string | undefined,
): Promise<OutcomeWatcher> {
  const consumer: Consumer = plainKafka(brokers).consumer({
    groupId: `bench-watch-${randomUUID()}`,
    maxWaitTimeInMs: 20,
  });
  const arrivals = new Map<string, { at: number; event: any }>();
  let wake = () => {};
  await consumer.connect();
  // From the beginning: "latest" resolved after the join could miss what is produced meanwhile.
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachBatch: async ({ batch }) => {
      const at = performance.now();
      for (const m of batch.messages) {
        const event = JSON.parse(m.value!.toString());
        const key = keyOf(event);
        if (key !== undefined && !arrivals.has(key)) arrivals.set(key, { at, event });
      }
      wake();
    },
  });
  await joined;
  return {
    arrivals,
    all: (expected, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${arrivals.size}/${expected} arrived on ${topic}`)),
          timeoutMs,
        );
        wake = () => {
          if (arrivals.size < expected) return;
          clearTimeout(timer);
          resolve();
        };
        wake();
      }),
    stop: () => consumer.disconnect(),
  };
}
