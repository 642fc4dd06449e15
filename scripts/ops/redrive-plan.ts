import type { IHeaders, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_TOPICS, DLQ_HEADERS, REDRIVE_HEADERS, allTopics } from '#contracts';

/** What a re-drive does with one dead letter: put it back, or park it (with why). */
export type RedriveStep =
  | { action: 'redrive'; topic: string; headers: Record<string, string> }
  | { action: 'park'; topic: string; headers: Record<string, string>; reason: string };

const text = (headers: IHeaders | undefined, name: string): string | undefined => {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
};

/** The headers of a message as strings (Kafka hands them over as Buffers). */
export function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.keys(headers ?? {}).flatMap((name) => {
      const value = text(headers, name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

/**
 * Each dead-letter topic's parking topic, named here where they are written (DEAD_LETTER_TOPICS of
 * libs/contracts; test/ops/redrive-plan.spec.ts keeps the two equal).
 */
export const PARKING_TOPIC_OF: Readonly<Record<string, string>> = {
  'employment.hire-requests.dlq': 'employment.hire-requests.parked',
  'employment.party-events.dlq': 'employment.party-events.parked',
};

/** The parking topic of a dead-letter topic; throws for a topic that is not one. */
export function parkingTopicOf(dlq: string): string {
  if (!Object.hasOwn(PARKING_TOPIC_OF, dlq)) {
    const known = Object.keys(PARKING_TOPIC_OF).join(', ');
    throw new Error(`${dlq} is not a dead-letter topic; these are: ${known}`);
  }
  return PARKING_TOPIC_OF[dlq];
}

/**
 * Decides what to do with one dead letter read at `dlq[partition]@offset`. It goes back to the topic
 * it was dead-lettered from, with the DLQ's own headers taken off, its first origin kept, and its
 * re-drive count raised; it is parked instead (unchanged) when it was re-driven `maxRedrives` times
 * already, or when it does not say where it came from.
 */
export function planRedrive(
  dlq: string,
  partition: number,
  message: KafkaMessage,
  maxRedrives: number,
): RedriveStep {
  const parking = parkingTopicOf(dlq);
  const headers = stringHeaders(message.headers);
  const from = `${dlq}[${partition}]@${message.offset}`;
  const park = (reason: string): RedriveStep => ({
    action: 'park',
    topic: parking,
    headers: { ...headers, [REDRIVE_HEADERS.from]: from },
    reason,
  });
  const original = headers[DLQ_HEADERS.originalTopic];
  const known = new Set(allTopics().map((t) => t.topic));
  if (!original || !known.has(original) || DEAD_LETTER_TOPICS.some((d) => d.dlq === original)) {
    return park(`no usable ${DLQ_HEADERS.originalTopic} header (${original ?? 'missing'})`);
  }
  const count = Number.parseInt(headers[REDRIVE_HEADERS.count] ?? '0', 10) || 0;
  if (count >= maxRedrives) return park(`re-driven ${count} times already (limit ${maxRedrives})`);
  const {
    [DLQ_HEADERS.error]: _error,
    [DLQ_HEADERS.originalTopic]: topic,
    [DLQ_HEADERS.originalPartition]: originalPartition,
    [DLQ_HEADERS.originalOffset]: originalOffset,
    ...kept
  } = headers;
  return {
    action: 'redrive',
    topic: topic!,
    headers: {
      ...kept,
      [REDRIVE_HEADERS.originalTopic]: headers[REDRIVE_HEADERS.originalTopic] ?? topic!,
      [REDRIVE_HEADERS.originalPartition]:
        headers[REDRIVE_HEADERS.originalPartition] ?? originalPartition ?? '',
      [REDRIVE_HEADERS.originalOffset]:
        headers[REDRIVE_HEADERS.originalOffset] ?? originalOffset ?? '',
      [REDRIVE_HEADERS.count]: String(count + 1),
      [REDRIVE_HEADERS.from]: from,
    },
  };
}
