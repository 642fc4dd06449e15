import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import { waitFor } from '#devstack';
import { CONSUMER_TIMINGS, noIdleRequestQueueTimer } from '#messaging';

export interface RecordedMessage {
  topic: string;
  partition: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  json(): any;
}

/** Records every message of some topics (from the beginning) so tests can wait for the ones they expect. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly topics: string[],
    private readonly brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  ) {}

  async start(): Promise<this> {
    // The apps' clients' fix for kafkajs' 1 ms timer on every idle connection, and their idle fetch
    // wait (a fetch returns as soon as a message arrives): an idle recorder cost its test process
    // 48 ms of CPU a second with neither (and a 50 ms wait), 11 ms with both.
    noIdleRequestQueueTimer();
    const kafka = new Kafka({
      clientId: 'test-recorder',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
    });
    this.consumer = kafka.consumer({
      groupId: `test-recorder-${randomUUID()}`,
      maxWaitTimeInMs: CONSUMER_TIMINGS.maxWaitTimeInMs,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      // Committing lets a consumer that kafkajs restarts (say, after a broker outage) resume where it was
      // instead of reading the topics again from the start.
      autoCommit: true,
      eachMessage: async ({ topic, partition, message }) => {
        const value = message.value?.toString() ?? null;
        this.messages.push({
          topic,
          partition,
          key: message.key?.toString() ?? null,
          value,
          headers: stringHeaders(message.headers),
          json: () => JSON.parse(value ?? 'null'),
        });
      },
    });
    return this;
  }

  /** Messages whose JSON value matches `predicate`. */
  matching(predicate: (value: any, message: RecordedMessage) => boolean): RecordedMessage[] {
    return this.messages.filter((m) => {
      let value: unknown;
      try {
        value = m.json();
      } catch {
        value = undefined; // not JSON: the predicate can still look at the raw message
      }
      try {
        return predicate(value, m);
      } catch {
        return false;
      }
    });
  }

  /** One message per event id (the first delivery), for asserting on events that may arrive twice. */
  static firstDeliveries(messages: RecordedMessage[]): RecordedMessage[] {
    const seen = new Set<string>();
    return messages.filter((m) => {
      const id = m.headers['event-id'] ?? m.value ?? '';
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  /** Waits until at least `count` messages match `predicate`; returns them. */
  async waitFor(
    what: string,
    predicate: (value: any, message: RecordedMessage) => boolean,
    count = 1,
    timeoutMs = 30_000,
  ): Promise<RecordedMessage[]> {
    return waitFor(
      what,
      async () => {
        const found = this.matching(predicate);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
      50,
    );
  }

  /** Waits until `count` distinct events (by event id) match `predicate`; returns their first deliveries. */
  async waitForEvents(
    what: string,
    predicate: (value: any, message: RecordedMessage) => boolean,
    count: number,
    timeoutMs = 30_000,
  ): Promise<RecordedMessage[]> {
    return waitFor(
      what,
      async () => {
        const found = TopicRecorder.firstDeliveries(this.matching(predicate));
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
      50,
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}
