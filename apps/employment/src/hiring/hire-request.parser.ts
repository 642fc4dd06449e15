import type { KafkaMessage } from 'kafkajs';
import { HireRequestSchema, RequestIdSchema, parseMessageJson, type Hire } from '#contracts';
import type { ParseResult } from '#messaging';

/** A hire request read off Kafka: usable, or with a usable requestId but bad fields. */
export type IncomingHireRequest =
  | { requestId: string; hire: Hire }
  | { requestId: string; invalid: { raw: Record<string, unknown>; detail: string } };

/** What to do with one message of employment.hire-requests. */
export type ParsedHireMessage = IncomingHireRequest | { deadLetter: string };

/** Reads a message of employment.hire-requests: a request (maybe invalid), or dead-letter it. */
export function readHireRequest(message: KafkaMessage): ParseResult<IncomingHireRequest> {
  const parsed = parseHireMessage(message.value);
  return 'deadLetter' in parsed ? { unreadable: parsed.deadLetter } : { value: parsed };
}

/** Sorts a message into a usable request, an INVALID_REQUEST rejection, or the DLQ; never throws. */
export function parseHireMessage(value: Buffer | null): ParsedHireMessage {
  const json = parseMessageJson(value);
  if ('unreadable' in json) return { deadLetter: json.unreadable };
  const body = json.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { deadLetter: 'value is not a JSON object' };
  }
  const raw = body as Record<string, unknown>;
  const requestId = RequestIdSchema.safeParse(raw.requestId);
  if (!requestId.success)
    return { deadLetter: 'requestId is missing or not a string of 1..200 characters' };
  const parsed = HireRequestSchema.safeParse(raw);
  if (parsed.success) {
    const { personId, companyId, cardId } = parsed.data;
    return { requestId: requestId.data, hire: { personId, companyId, cardId } };
  }
  const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return { requestId: requestId.data, invalid: { raw, detail } };
}
