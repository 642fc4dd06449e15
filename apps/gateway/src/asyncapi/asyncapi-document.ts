import { allTopics, buildAsyncApiDocument } from '#contracts';
import { DEADLINE_HEADER, IDEMPOTENCY_KEY_HEADER, RPC_HEADERS, TRACE_HEADER } from '#messaging';

/** The AsyncAPI document of the Kafka contract, with the header names libs/messaging uses. */
export function asyncApiDocument() {
  return buildAsyncApiDocument({
    rpc: RPC_HEADERS,
    correlationId: TRACE_HEADER,
    deadline: DEADLINE_HEADER,
    idempotencyKey: IDEMPOTENCY_KEY_HEADER,
  });
}

/** Topics of libs/contracts that have no channel in `document`. */
export function topicsMissingFrom(document: {
  channels: Record<string, { address: string | null }>;
}): string[] {
  const addresses = new Set(Object.values(document.channels).map((c) => c.address));
  return allTopics()
    .map((t) => t.topic)
    .filter((topic) => !addresses.has(topic));
}
