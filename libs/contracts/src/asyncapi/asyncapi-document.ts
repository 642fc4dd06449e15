import { EVENT_TYPES } from '../envelope.js';
import {
  DEAD_LETTER_TOPICS,
  EVENT_TOPICS,
  PARTITIONS,
  REPLY_TOPICS,
  allTopics,
} from '../topics.js';
import {
  deadLetterMessage,
  eventMessage,
  hireRequestMessage,
  replyMessage,
  requestMessage,
  type AsyncApiMessage,
  type ProtocolHeaderNames,
} from './asyncapi-messages.js';
import { componentSchemas } from './asyncapi-schemas.js';
import { REQUEST_PATTERNS, replyTopicsOf } from './request-patterns.js';

export type { ProtocolHeaderNames } from './asyncapi-messages.js';

interface Channel {
  address: string;
  title: string;
  description: string;
  messages: Record<string, { $ref: string }>;
  bindings: { kafka: { topic: string; partitions: number; bindingVersion: string } };
}

/** The channel id (a key of `channels`) of a topic: people.events -> people_events. */
export const channelId = (topic: string) => topic.replace(/[^A-Za-z0-9_-]/g, '_');
/** A components.messages key for a message name: people.get.request -> people_get_request. */
const messageId = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

const partitionsOf = (topic: string) =>
  allTopics().find((t) => t.topic === topic)?.numPartitions ?? PARTITIONS.events;

/**
 * The AsyncAPI 3.0 document of every topic in libs/contracts, built from its zod schemas: events,
 * hire requests, each request/reply pattern with its reply topic, the dead-letter and parking topics.
 * `headers` names the request/reply headers (they belong to libs/messaging).
 */
export function buildAsyncApiDocument(headers: ProtocolHeaderNames, version = '1') {
  const messages: Record<string, AsyncApiMessage> = {};
  const channels: Record<string, Channel> = {};
  const operations: Record<string, object> = {};
  const addChannel = (
    topic: string,
    title: string,
    description: string,
    list: AsyncApiMessage[],
  ) => {
    const entries = list.map((m) => [messageId(m.name), m] as const);
    for (const [id, message] of entries) messages[id] = message;
    channels[channelId(topic)] = {
      address: topic,
      title,
      description,
      messages: Object.fromEntries(
        entries.map(([id]) => [id, { $ref: `#/components/messages/${id}` }]),
      ),
      bindings: {
        kafka: { topic, partitions: partitionsOf(topic), bindingVersion: '0.5.0' },
      },
    };
  };
  const ref = (topic: string) => ({ $ref: `#/channels/${channelId(topic)}` });
  const messageRefs = (topic: string) =>
    Object.keys(channels[channelId(topic)].messages).map((id) => ({
      $ref: `#/channels/${channelId(topic)}/messages/${id}`,
    }));
  const operation = (id: string, action: 'send' | 'receive', topic: string, summary: string) => {
    operations[id] = { action, channel: ref(topic), summary, messages: messageRefs(topic) };
  };

  const typesOf = (prefix: string) =>
    Object.values(EVENT_TYPES).filter((t) => t.startsWith(prefix));
  const events = (topic: string, prefix: string, owner: string) => {
    addChannel(
      topic,
      `${owner} events`,
      `Events of the ${owner} service, published through its outbox, keyed by aggregate id.`,
      typesOf(prefix).map((t) => eventMessage(t, headers)),
    );
    operation(`publish_${channelId(topic)}`, 'send', topic, `The ${owner} service publishes`);
  };
  events(EVENT_TOPICS.people, 'person.', 'people');
  events(EVENT_TOPICS.companies, 'company.', 'companies');
  events(EVENT_TOPICS.employment, 'employee.', 'employment');

  addChannel(
    EVENT_TOPICS.hireRequests,
    'Hire requests',
    'Other services ask the employment service to hire; each request gets one outcome event on employment.events.',
    [hireRequestMessage()],
  );
  operation('receive_hire_requests', 'receive', EVENT_TOPICS.hireRequests, 'Employment hires');

  for (const topic of Object.values(REPLY_TOPICS)) {
    const patterns = REQUEST_PATTERNS.filter((p) => replyTopicsOf(p.pattern).includes(topic));
    addChannel(
      topic,
      `Replies to ${topic.split('.')[0]}`,
      'Replies for the replicas of one asking app; each replica reads the partition it named in kafka_replyPartition.',
      patterns.map((p) => replyMessage(p.pattern, p.reply, headers)),
    );
  }
  for (const spec of REQUEST_PATTERNS) {
    const [replyTopic] = replyTopicsOf(spec.pattern);
    addChannel(
      spec.pattern,
      `${spec.pattern} requests`,
      `Requests the ${spec.server} service answers on the reply topic the request names.`,
      [requestMessage(spec.pattern, spec.request, spec.writes, headers)],
    );
    operations[channelId(spec.pattern)] = {
      action: 'receive',
      channel: ref(spec.pattern),
      summary: `The ${spec.server} service answers ${spec.pattern}`,
      messages: messageRefs(spec.pattern),
      reply: {
        address: {
          location: `$message.header#/${headers.rpc.replyTopic}`,
          description: `the topic named in ${headers.rpc.replyTopic}`,
        },
        channel: ref(replyTopic),
        messages: [
          {
            $ref: `#/channels/${channelId(replyTopic)}/messages/${messageId(`${spec.pattern}.reply`)}`,
          },
        ],
      },
    };
  }

  for (const { dlq, parking } of DEAD_LETTER_TOPICS) {
    addChannel(dlq, `Dead letters: ${dlq}`, 'Messages the employment service could not handle.', [
      deadLetterMessage(false),
    ]);
    operation(`dead_letter_${channelId(dlq)}`, 'send', dlq, 'Employment gives up on a message');
    addChannel(
      parking,
      `Parked: ${parking}`,
      `Dead letters of ${dlq} that failed again after the re-drive limit; no app reads them.`,
      [deadLetterMessage(true)],
    );
    operation(`park_${channelId(parking)}`, 'send', parking, '`npm run ops -- dlq redrive` parks');
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'People, companies and employment: Kafka contract',
      version,
      description:
        'Every topic of libs/contracts, generated from its zod schemas. Request topics speak the Kafka request/reply protocol of NestJS (kafka_* headers).',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description:
          'The broker `npm start` runs; in production, your cluster’s bootstrap servers.',
      },
    },
    channels,
    operations,
    components: { schemas: componentSchemas(), messages },
  };
}
