import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import {
  EVENT_TOPICS,
  EVENT_TYPES,
  EventEnvelopeSchema,
  parseMessageJson,
  type EventEnvelope,
} from '#contracts';
import {
  BatchConsumer,
  ConsumerLifecycle,
  DeadLetterQueue,
  KAFKA,
  KAFKA_PRODUCER,
  type BatchContext,
} from '#messaging';
import { EndEmploymentsService } from './end-employments.service.js';

const DELETIONS: Record<string, 'person' | 'company'> = {
  [EVENT_TYPES.personDeleted]: 'person',
  [EVENT_TYPES.companyDeleted]: 'company',
};

/**
 * Consumes people.events and companies.events (from the beginning) to end employments of deleted
 * parties. An event it cannot read (or apply, for good) goes to employment.party-events.dlq: a
 * deletion it silently skipped would leave employments active.
 */
@Injectable()
export class PartyDeletionsConsumer extends ConsumerLifecycle {
  private readonly logger = new Logger(PartyDeletionsConsumer.name);
  protected readonly consumer: BatchConsumer;
  private readonly deadLetters: DeadLetterQueue;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    private readonly endEmployments: EndEmploymentsService,
  ) {
    super();
    this.deadLetters = new DeadLetterQueue(producer, EVENT_TOPICS.partyEventsDlq);
    this.consumer = new BatchConsumer(kafka, {
      groupId: 'employment.party-deletions',
      topics: [EVENT_TOPICS.people, EVENT_TOPICS.companies],
      fromBeginning: true,
      handle: (messages, context) => this.handle(messages, context),
      giveUp: (message, error, source) =>
        this.deadLetters.send([{ message, source, error: `processing failed: ${error.message}` }]),
    });
  }

  private async handle(messages: KafkaMessage[], source: BatchContext): Promise<void> {
    for (const message of messages) {
      const parsed = parseEvent(message);
      if ('unreadable' in parsed) {
        await this.deadLetters.send([{ message, source, error: parsed.unreadable }]);
        continue;
      }
      const kind = DELETIONS[parsed.event.type];
      if (!kind) continue;
      const ended = await this.endEmployments.endEmploymentsWhenPartyDeleted(parsed.event, kind);
      if (ended)
        this.logger.log(
          `${kind} ${parsed.event.aggregateId} deleted: ended ${ended} employment(s)`,
        );
    }
  }
}

function parseEvent(message: KafkaMessage): { event: EventEnvelope } | { unreadable: string } {
  const json = parseMessageJson(message.value);
  if ('unreadable' in json) return json;
  const parsed = EventEnvelopeSchema.safeParse(json.json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { unreadable: `not an event envelope: ${detail.slice(0, 500)}` };
  }
  return { event: parsed.data as EventEnvelope };
}
