import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Message, Producer } from 'kafkajs';

/**
 * The request/reply baseline's asking side: plain kafkajs, replies on partition 0 of `replyTopic`.
 * Requests made in the same event-loop turn go out in one send (kafkajs has no linger of its own).
 */
export class RawRequester {
  private readonly pending = new Map<string, (reply: Buffer | null) => void>();
  private queue: Array<{ topic: string; message: Message }> = [];
  private consumer?: Consumer;
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly requestTopic: string,
    private readonly replyTopic: string,
  ) {}

  /** Connects and joins the reply topic. */
  async start(): Promise<void> {
    this.producer = this.kafka.producer();
    this.consumer = this.kafka.consumer({
      groupId: `bench-raw-rr-${randomUUID()}`,
      maxWaitTimeInMs: 50,
    });
    await Promise.all([this.producer.connect(), this.consumer.connect()]);
    await this.consumer.subscribe({ topic: this.replyTopic, fromBeginning: true });
    const joined = new Promise((resolve) =>
      this.consumer!.on(this.consumer!.events.GROUP_JOIN, resolve),
    );
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const id = m.headers?.['correlation-id']?.toString();
          const done = id ? this.pending.get(id) : undefined;
          if (!done) continue;
          this.pending.delete(id!);
          done(m.value);
        }
      },
    });
    await joined;
  }

  /** Sends one request (to `topic`, by default the request topic); resolves with its reply's value. */
  request(payload: unknown, topic = this.requestTopic): Promise<Buffer | null> {
    const id = randomUUID();
    if (this.queue.length === 0) setImmediate(() => this.flush());
    this.queue.push({
      topic,
      message: {
        value: JSON.stringify(payload),
        headers: { 'correlation-id': id, 'reply-topic': this.replyTopic, 'reply-partition': '0' },
      },
    });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  /** Disconnects. */
  async stop(): Promise<void> {
    await Promise.all([this.consumer?.disconnect(), this.producer?.disconnect()]);
  }

  private flush(): void {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, message } of this.queue) {
      (byTopic.get(topic) ?? byTopic.set(topic, []).get(topic)!).push(message);
    }
    this.queue = [];
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    void this.producer!.sendBatch({ topicMessages });
  }
}
