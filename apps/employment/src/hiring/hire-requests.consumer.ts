import { Inject, Injectable } from '@nestjs/common';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import {
  BatchConsumer,
  ConsumerLifecycle,
  DeadLetterQueue,
  KAFKA,
  KAFKA_PRODUCER,
  type BatchContext,
  type DeadLetter,
} from '#messaging';
import { parseHireMessage, type IncomingHireRequest } from './hire-request.parser.js';
import { HireRequestProcessor } from './hire-request.processor.js';

/**
 * Consumes employment.hire-requests: unreadable messages, and the rare one whose processing fails
 * for good, to employment.hire-requests.dlq; the rest to the processor.
 */
@Injectable()
export class HireRequestsConsumer extends ConsumerLifecycle {
  protected readonly consumer: BatchConsumer;
  private readonly deadLetters: DeadLetterQueue;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    private readonly processor: HireRequestProcessor,
  ) {
    super();
    this.deadLetters = new DeadLetterQueue(producer, EVENT_TOPICS.hireRequestsDlq);
    this.consumer = new BatchConsumer(kafka, {
      groupId: 'employment.hire-requests',
      topics: [EVENT_TOPICS.hireRequests],
      fromBeginning: true,
      handle: (messages, context) => this.handle(messages, context),
      giveUp: (message, error, source) =>
        this.deadLetters.send([{ message, source, error: `processing failed: ${error.message}` }]),
    });
  }

  private async handle(messages: KafkaMessage[], source: BatchContext): Promise<void> {
    const unreadable: DeadLetter[] = [];
    const requests: IncomingHireRequest[] = [];
    for (const message of messages) {
      const parsed = parseHireMessage(message.value);
      if ('deadLetter' in parsed) unreadable.push({ message, error: parsed.deadLetter, source });
      else requests.push(parsed);
    }
    await this.deadLetters.send(unreadable);
    await this.processor.process(requests);
  }
}
