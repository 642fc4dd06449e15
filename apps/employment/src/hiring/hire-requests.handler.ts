import { Injectable } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import type { EventHandler, Parsed, ParseResult } from '#messaging';
import { parseHireMessage, type IncomingHireRequest } from './hire-request.parser.js';
import { HireRequestProcessor } from './hire-request.processor.js';

/** Reads a message of employment.hire-requests: a request (maybe invalid), or dead-letter it. */
export function readHireRequest(message: KafkaMessage): ParseResult<IncomingHireRequest> {
  const parsed = parseHireMessage(message.value);
  return 'deadLetter' in parsed ? { unreadable: parsed.deadLetter } : { value: parsed };
}

/** Handles a slice of employment.hire-requests: the processor decides and records each request. */
@Injectable()
export class HireRequestsHandler implements EventHandler<IncomingHireRequest> {
  constructor(private readonly processor: HireRequestProcessor) {}

  async handle(messages: Parsed<IncomingHireRequest>[]): Promise<void> {
    await this.processor.process(messages.map((m) => m.value));
  }

  /** The next slice's parties are asked about while this one commits. */
  lookAhead(requests: IncomingHireRequest[]): void {
    this.processor.lookAhead(requests);
  }
}
