/** Event topics of the public contract. */
export const EVENT_TOPICS = {
  people: 'people.events',
  companies: 'companies.events',
  employment: 'employment.events',
  hireRequests: 'employment.hire-requests',
  hireRequestsDlq: 'employment.hire-requests.dlq',
  /** people.events and companies.events messages the employment service could not read or apply. */
  partyEventsDlq: 'employment.party-events.dlq',
} as const;

/** Request/reply patterns; each is also the Kafka topic its requests travel on. */
export const PEOPLE_PATTERNS = {
  create: 'people.create',
  get: 'people.get',
  findByIds: 'people.find-by-ids',
  list: 'people.list',
  update: 'people.update',
  delete: 'people.delete',
} as const;

export const COMPANIES_PATTERNS = {
  create: 'companies.create',
  get: 'companies.get',
  findByIds: 'companies.find-by-ids',
  list: 'companies.list',
  update: 'companies.update',
  delete: 'companies.delete',
} as const;

export const EMPLOYMENT_PATTERNS = {
  hire: 'employment.hire',
  get: 'employment.get',
  list: 'employment.list',
  terminate: 'employment.terminate',
} as const;

/** Reply topics, one per asking app; replicas of an app share it and pick a partition each. */
export const REPLY_TOPICS = {
  gateway: 'gateway.replies',
  employment: 'employment.replies',
} as const;

/**
 * Where `npm run ops -- dlq redrive` puts a dead letter that failed again after too many re-drives,
 * one per dead-letter topic; no app reads them: an operator looks at what lands there.
 */
export const PARKING_TOPICS = {
  hireRequests: 'employment.hire-requests.parked',
  partyEvents: 'employment.party-events.parked',
} as const;

/** Each dead-letter topic with its parking topic. */
export const DEAD_LETTER_TOPICS = [
  { dlq: EVENT_TOPICS.hireRequestsDlq, parking: PARKING_TOPICS.hireRequests },
  { dlq: EVENT_TOPICS.partyEventsDlq, parking: PARKING_TOPICS.partyEvents },
] as const;

/** Partition counts: more reply partitions than replicas we expect of any app. */
export const PARTITIONS = { events: 6, requests: 6, replies: 12 } as const;

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/** Every topic the system uses, with its partition count, for creating them up front. */
export function allTopics(): TopicSpec[] {
  const requests = [PEOPLE_PATTERNS, COMPANIES_PATTERNS, EMPLOYMENT_PATTERNS].flatMap((p) =>
    Object.values(p),
  );
  return [
    ...Object.values(EVENT_TOPICS).map((topic) => ({ topic, numPartitions: PARTITIONS.events })),
    ...Object.values(PARKING_TOPICS).map((topic) => ({ topic, numPartitions: PARTITIONS.events })),
    ...requests.map((topic) => ({ topic, numPartitions: PARTITIONS.requests })),
    ...Object.values(REPLY_TOPICS).map((topic) => ({ topic, numPartitions: PARTITIONS.replies })),
  ];
}

/** A request/reply pattern, which is also the topic its requests travel on. */
export type RequestTopic =
  | (typeof PEOPLE_PATTERNS)[keyof typeof PEOPLE_PATTERNS]
  | (typeof COMPANIES_PATTERNS)[keyof typeof COMPANIES_PATTERNS]
  | (typeof EMPLOYMENT_PATTERNS)[keyof typeof EMPLOYMENT_PATTERNS];

/** An event topic of the public contract (hire requests and dead-letter topics included). */
export type EventTopic = (typeof EVENT_TOPICS)[keyof typeof EVENT_TOPICS];

/** A reply topic: the asking app's replicas share it and pick a partition each. */
export type ReplyTopic = (typeof REPLY_TOPICS)[keyof typeof REPLY_TOPICS];
