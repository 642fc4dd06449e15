import {
  COMPANIES_PATTERNS,
  EMPLOYMENT_PATTERNS,
  EVENT_TOPICS,
  PEOPLE_PATTERNS,
  REPLY_TOPICS,
} from '#contracts';

/** The namespace of both overlays (local and production are different clusters, one namespace each). */
export const NAMESPACE = 'pce';
/** The Strimzi Kafka cluster's name: its resources are `pce-kafka-...`. */
export const KAFKA_CLUSTER = 'pce-kafka';
/** The TLS + SCRAM-SHA-512 listener the apps and KEDA use. */
export const KAFKA_CLIENT_PORT = 9093;
/** In-namespace bootstrap address (the apps), and the cluster-wide one (KEDA runs in its own namespace). */
export const KAFKA_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:${KAFKA_CLIENT_PORT}`;
export const KAFKA_BOOTSTRAP_FQDN = `${KAFKA_CLUSTER}-kafka-bootstrap.${NAMESPACE}.svc:${KAFKA_CLIENT_PORT}`;
/** Replicas of every topic, and how many must have a write before it is acknowledged. */
export const TOPIC_REPLICAS = 3;
export const MIN_INSYNC_REPLICAS = 2;
/** The Kafka user KEDA reads consumer lag with (DESCRIBE only). */
export const LAG_READER = 'keda-lag-reader';

export type ScaledApp = 'people' | 'companies' | 'employment';

export interface ScaledGroup {
  /** The consumer group id the app's code uses. */
  group: string;
  topics: readonly string[];
  /** Lag (messages, per replica) above which KEDA adds a replica; a string, as KEDA wants. */
  lagThreshold: string;
}

const values = (patterns: Record<string, string>) => Object.values(patterns);

/**
 * The consumer groups whose lag scales each service (reply-topic groups are one per instance and
 * never lag behind a whole service, so they do not). Checked against acls.ts by the tests.
 */
export const SCALED_GROUPS: Record<ScaledApp, ScaledGroup[]> = {
  people: [{ group: 'people', topics: values(PEOPLE_PATTERNS), lagThreshold: '50' }],
  companies: [{ group: 'companies', topics: values(COMPANIES_PATTERNS), lagThreshold: '50' }],
  employment: [
    { group: 'employment', topics: values(EMPLOYMENT_PATTERNS), lagThreshold: '50' },
    { group: 'employment.hire-requests', topics: [EVENT_TOPICS.hireRequests], lagThreshold: '500' },
    {
      group: 'employment.party-deletions',
      topics: [EVENT_TOPICS.people, EVENT_TOPICS.companies],
      lagThreshold: '200',
    },
  ],
};

/** Topics read through a per-instance group: they never drive scaling. */
export const REPLY_TOPIC_NAMES: readonly string[] = Object.values(REPLY_TOPICS);
