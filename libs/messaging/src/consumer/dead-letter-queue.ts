import { Logger } from '@nestjs/common';
import type { KafkaMessage, Producer } from 'kafkajs';
import { deadLetters, type DeadLetterReason } from '../metrics/messaging-metrics.js';
import { sendToDeadLetter } from './dead-letter.js';

/** A message bound for a dead-letter topic, why, and where it was read. */
export interface DeadLetter {
  message: KafkaMessage;
  error: string;
  /** The kind of `error`, for metrics: unusable value or failed handling. */
  reason: DeadLetterReason;
  source: { topic: string; partition: number };
}

/** How many sent offsets each queue remembers: far more than one batch, so a retried batch never resends. */
const REMEMBERED = 20_000;

/**
 * One dead-letter topic. Remembers which source offsets it already sent, so a batch retried after a
 * transient failure does not send its unreadable messages again (after a restart, at least once).
 */
export class DeadLetterQueue {
  private readonly logger = new Logger(DeadLetterQueue.name);
  private readonly sent = new Set<string>();

  constructor(
    private readonly producer: Producer,
    readonly topic: string,
  ) {}

  /** Sends each message not sent before, unchanged with an `error` header, acknowledged by all replicas. */
  async send(letters: DeadLetter[]): Promise<void> {
    const fresh = letters.filter((l) => !this.sent.has(offsetKey(l)));
    if (fresh.length === 0) return;
    await sendToDeadLetter(this.producer, this.topic, fresh);
    for (const letter of fresh) this.remember(offsetKey(letter));
    for (const { source, message, error, reason } of fresh) {
      deadLetters.inc({ messaging_destination_name: this.topic, reason });
      this.logger.warn(
        `${source.topic}[${source.partition}]@${message.offset} sent to ${this.topic}: ${error}`,
      );
    }
  }

  private remember(key: string): void {
    this.sent.add(key);
    if (this.sent.size > REMEMBERED) this.sent.delete(this.sent.values().next().value!);
  }
}

function offsetKey({ source, message }: DeadLetter): string {
  return `${source.topic}:${source.partition}:${message.offset}`;
}
