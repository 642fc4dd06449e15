import type { Message, Producer } from 'kafkajs';

interface Outgoing {
  topic: string;
  message: Message;
  sent(): void;
  failed(error: Error): void;
}

/**
 * Gathers messages into as few produce requests as the broker's round trip allows (kafkajs has no
 * linger.ms of its own): an idle coalescer sends what one tick of the event loop gathered; while a
 * produce is in flight, what arrives waits for it and leaves in the next one. On this machine each
 * request costs both ends a system call and the broker a request, so under load this is what keeps
 * request/reply cheap; when idle it adds no wait.
 */
export class ProduceCoalescer {
  private queue: Outgoing[] = [];
  private sending = false;
  private scheduled = false;

  constructor(
    private readonly producer: Producer,
    private readonly maxBatchSize = 1000,
  ) {}

  /** Resolves once the produce that carried `message` was acknowledged; rejects when it failed. */
  send(topic: string, message: Message): Promise<void> {
    return new Promise((sent, failed) => {
      this.queue.push({ topic, message, sent, failed });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.sending || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.sending = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      try {
        // acks=all: with replicas, acknowledged only once min.insync.replicas have it.
        await this.producer.sendBatch({ topicMessages: byTopic(batch), acks: -1 });
        batch.forEach((o) => o.sent());
      } catch (error) {
        batch.forEach((o) => o.failed(error as Error));
      }
    }
    this.sending = false;
  }
}

function byTopic(batch: Outgoing[]) {
  const messages = new Map<string, Message[]>();
  for (const { topic, message } of batch) {
    const list = messages.get(topic);
    if (list) list.push(message);
    else messages.set(topic, [message]);
  }
  return [...messages].map(([topic, list]) => ({ topic, messages: list }));
}
