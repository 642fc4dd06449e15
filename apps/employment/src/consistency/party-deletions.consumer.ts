import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka, KafkaMessage } from 'kafkajs';
import {
  EVENT_TOPICS,
  EVENT_TYPES,
  EventEnvelopeSchema,
  parseMessageJson,
  type EventEnvelope,
} from '#contracts';
import { BatchConsumer, ConsumerLifecycle, KAFKA } from '#messaging';
import { EndEmploymentsService } from './end-employments.service.js';

const DELETIONS: Record<string, 'person' | 'company'> = {
  [EVENT_TYPES.personDeleted]: 'person',
  [EVENT_TYPES.companyDeleted]: 'company',
};

/** Consumes people.events and companies.events (from the beginning) to end employments of deleted parties. */
@Injectable()
export class PartyDeletionsConsumer extends ConsumerLifecycle {
  private readonly logger = new Logger(PartyDeletionsConsumer.name);
  protected readonly consumer: BatchConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly endEmployments: EndEmploymentsService,
  ) {
    super();
    this.consumer = new BatchConsumer(kafka, {
      groupId: 'employment.party-deletions',
      topics: [EVENT_TOPICS.people, EVENT_TOPICS.companies],
      fromBeginning: true,
      handle: (messages) => this.handle(messages),
    });
  }

  private async handle(messages: KafkaMessage[]): Promise<void> {
    for (const message of messages) {
      const event = this.parse(message);
      const kind = event && DELETIONS[event.type];
      if (!event || !kind) continue;
      const ended = await this.endEmployments.endEmploymentsWhenPartyDeleted(event, kind);
      if (ended)
        this.logger.log(`${kind} ${event.aggregateId} deleted: ended ${ended} employment(s)`);
    }
  }

  private parse(message: KafkaMessage): EventEnvelope | undefined {
    const parsed = parseMessageJson(message.value);
    const event = 'json' in parsed ? EventEnvelopeSchema.safeParse(parsed.json) : undefined;
    if (event?.success) return event.data as EventEnvelope;
    this.logger.warn(`skipped an unreadable event at offset ${message.offset}`);
    return undefined;
  }
}
