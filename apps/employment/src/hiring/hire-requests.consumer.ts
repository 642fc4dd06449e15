import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import {
  BatchConsumer,
  ConsumerLifecycle,
  KAFKA,
  KAFKA_PRODUCER,
  sendToDeadLetter,
  type BatchContext,
} from '#messaging';
import { parseHireMessage, type IncomingHireRequest } from './hire-request.parser.js';
import { HireRequestProcessor } from './hire-request.processor.js';

/** Consumes employment.hire-requests: unreadable messages to the DLQ, the rest to the processor. */
@Injectable()
export class HireRequestsConsumer extends ConsumerLifecycle {
  private readonly logger = new Logger(HireRequestsConsumer.name);
  protected readonly consumer: BatchConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    private readonly processor: HireRequestProcessor,
  ) {
    super();
    this.consumer = new BatchConsumer(kafka, {
      groupId: 'employment.hire-requests',
      topics: [EVENT_TOPICS.hireRequests],
      fromBeginning: true,
      handle: (messages, context) => this.handle(messages, context),
    });
  }

  private async handle(messages: KafkaMessage[], context: BatchContext): Promise<void> {
    const dead: Parameters<typeof sendToDeadLetter>[2] = [];
    const requests: IncomingHireRequest[] = [];
    for (const message of messages) {
      const parsed = parseHireMessage(message.value);
      if ('deadLetter' in parsed) dead.push({ message, error: parsed.deadLetter, source: context });
      else requests.push(parsed);
    }
    if (dead.length)
      this.logger.warn(
        `${dead.length} unreadable hire request(s) sent to ${EVENT_TOPICS.hireRequestsDlq}`,
      );
    await sendToDeadLetter(this.producer, EVENT_TOPICS.hireRequestsDlq, dead);
    await this.processor.process(requests);
  }
}
