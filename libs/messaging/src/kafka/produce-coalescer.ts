import DataLoader from 'dataloader';
import type { Message, Producer } from 'kafkajs';

interface Outgoing {
  topic: string;
  message: Message;
}

/**
 * Gathers the messages sent in one tick of the event loop into one produce request (kafkajs has no
 * linger.ms of its own), so a burst of concurrent requests costs the broker one round trip.
 */
export class ProduceCoalescer {
  private readonly loader: DataLoader<Outgoing, void>;

  constructor(producer: Producer, maxBatchSize = 1000) {
    this.loader = new DataLoader<Outgoing, void>(
      async (outgoing) => {
        const byTopic = new Map<string, Message[]>();
        for (const { topic, message } of outgoing) {
          byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
        }
        await producer.sendBatch({
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        });
        return outgoing.map(() => undefined);
      },
      { cache: false, maxBatchSize },
    );
  }

  /** Resolves once the produce that carried `message` was acknowledged; rejects when it failed. */
  send(topic: string, message: Message): Promise<void> {
    return this.loader.load({ topic, message });
  }
}
