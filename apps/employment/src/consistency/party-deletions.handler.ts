import { Injectable, Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { EVENT_TYPES, EventEnvelopeSchema, parseMessageJson, type EventEnvelope } from '#contracts';
import { withMessageContext, type EventHandler, type Parsed, type ParseResult } from '#messaging';
import { EndEmploymentsService } from './end-employments.service.js';

const DELETIONS: Record<string, 'person' | 'company'> = {
  [EVENT_TYPES.personDeleted]: 'person',
  [EVENT_TYPES.companyDeleted]: 'company',
};

/** Reads an event of people.events or companies.events; one that is not an envelope is dead-lettered. */
export function readEventEnvelope(message: KafkaMessage): ParseResult<EventEnvelope> {
  const json = parseMessageJson(message.value);
  if ('unreadable' in json) return json;
  const parsed = EventEnvelopeSchema.safeParse(json.json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return { unreadable: `not an event envelope: ${detail.slice(0, 500)}` };
  }
  return { value: parsed.data as EventEnvelope };
}

/** Ends the employments of deleted parties: a deletion silently skipped would leave them active. */
@Injectable()
export class PartyDeletionsHandler implements EventHandler<EventEnvelope> {
  private readonly logger = new Logger(PartyDeletionsHandler.name);

  constructor(private readonly endEmployments: EndEmploymentsService) {}

  async handle(messages: Parsed<EventEnvelope>[]): Promise<void> {
    for (const { message, value: event } of messages) {
      const kind = DELETIONS[event.type];
      if (!kind) continue;
      // In the deletion's trace and log context, even in a slice of several requests' events.
      await withMessageContext(message, async () => {
        const ended = await this.endEmployments.endEmploymentsWhenPartyDeleted(event, kind);
        if (ended) {
          this.logger.log(`${kind} ${event.aggregateId} deleted: ended ${ended} employment(s)`);
        }
      });
    }
  }
}
