import { DLQ_HEADERS, REDRIVE_HEADERS } from '../dead-letters.js';
import { EVENT_HEADERS, EVENT_TYPES } from '../envelope.js';
import { schemaRef, type SchemaId } from './asyncapi-schemas.js';

/** Names of the request/reply headers, owned by libs/messaging (kafka-headers.ts) and passed in. */
export interface ProtocolHeaderNames {
  rpc: {
    correlationId: string;
    replyTopic: string;
    replyPartition: string;
    error: string;
    disposed: string;
  };
  /** The caller's correlation id (x-correlation-id at the gateway). */
  correlationId: string;
  deadline: string;
  idempotencyKey: string;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  summary?: string;
  contentType?: string;
  headers?: object;
  payload: object;
  bindings?: { kafka: { key: object; bindingVersion: string } };
}

const KAFKA_BINDING = '0.5.0';
const text = (description: string, extra: object = {}) => ({
  type: 'string',
  description,
  ...extra,
});
const headersObject = (properties: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});
const keyBinding = (key: object) => ({ kafka: { key, bindingVersion: KAFKA_BINDING } });

/** Data schema of each event type's envelope. */
const EVENT_DATA: Record<string, SchemaId> = {
  [EVENT_TYPES.personCreated]: 'Person',
  [EVENT_TYPES.personUpdated]: 'Person',
  [EVENT_TYPES.personDeleted]: 'Person',
  [EVENT_TYPES.companyCreated]: 'Company',
  [EVENT_TYPES.companyUpdated]: 'Company',
  [EVENT_TYPES.companyDeleted]: 'Company',
  [EVENT_TYPES.employeeHired]: 'HiredEmployee',
  [EVENT_TYPES.employeeTerminated]: 'Employee',
  [EVENT_TYPES.employeeHireRejected]: 'HireRejection',
};

/** One event type: an envelope whose `type` is it, keyed by the aggregate id. */
export function eventMessage(type: string, headers: ProtocolHeaderNames): AsyncApiMessage {
  return {
    name: type,
    title: `${type} event`,
    contentType: 'application/json',
    headers: headersObject(
      {
        [EVENT_HEADERS.type]: text('the event type', { const: type }),
        [EVENT_HEADERS.id]: text('the event id, the same on a redelivery', { format: 'uuid' }),
        [headers.correlationId]: text('the correlation id of the request that caused it'),
      },
      [EVENT_HEADERS.type, EVENT_HEADERS.id],
    ),
    payload: {
      allOf: [
        schemaRef('EventEnvelope'),
        {
          type: 'object',
          properties: { type: { const: type }, data: schemaRef(EVENT_DATA[type]) },
        },
      ],
    },
    bindings: keyBinding(text('the aggregate id', { format: 'uuid' })),
  };
}

/** A message on employment.hire-requests, as another team's service sends it. */
export function hireRequestMessage(): AsyncApiMessage {
  return {
    name: 'hire-request',
    title: 'Hire request',
    summary:
      'Answered by exactly one employee.hired or employee.hire-rejected event whose correlationId is the requestId; an unreadable message goes to employment.hire-requests.dlq.',
    contentType: 'application/json',
    payload: schemaRef('HireRequest'),
    bindings: keyBinding(text('any key; the person id keeps one person’s requests in order')),
  };
}

/** A request of one pattern (Nest's Kafka request/reply protocol). */
export function requestMessage(
  pattern: string,
  payload: SchemaId,
  writes: boolean,
  headers: ProtocolHeaderNames,
): AsyncApiMessage {
  const { rpc } = headers;
  return {
    name: `${pattern}.request`,
    title: `${pattern} request`,
    contentType: 'application/json',
    headers: headersObject(
      {
        [rpc.correlationId]: text('matches the reply to this request'),
        [rpc.replyTopic]: text('the topic the reply goes to'),
        [rpc.replyPartition]: text('the partition of the reply topic the asking replica reads'),
        [headers.deadline]: text('epoch milliseconds after which the caller has given up'),
        [headers.correlationId]: text('the correlation id of the client request'),
        ...(writes
          ? { [headers.idempotencyKey]: text('the client’s Idempotency-Key, for a write') }
          : {}),
      },
      [rpc.correlationId, rpc.replyTopic, rpc.replyPartition],
    ),
    payload: schemaRef(payload),
    bindings: keyBinding(text('the id the request is about, when it has one')),
  };
}

/** The reply to one pattern: an RpcReply whose `data` (when ok) is `data`. */
export function replyMessage(
  pattern: string,
  data: SchemaId | null,
  headers: ProtocolHeaderNames,
): AsyncApiMessage {
  const { rpc } = headers;
  const dataSchema = data ? schemaRef(data) : { type: 'null' };
  return {
    name: `${pattern}.reply`,
    title: `${pattern} reply`,
    contentType: 'application/json',
    headers: headersObject(
      {
        [rpc.correlationId]: text('the kafka_correlationId of the request'),
        [rpc.error]: text('set when the handler threw outside the reply protocol'),
        [rpc.disposed]: text('set on the last message of a reply'),
      },
      [rpc.correlationId],
    ),
    payload: {
      allOf: [schemaRef('RpcReply'), { type: 'object', properties: { data: dataSchema } }],
    },
  };
}

/** A dead letter: the original key, value and headers, plus why and where it was read. */
export function deadLetterMessage(parked: boolean): AsyncApiMessage {
  const redrive = {
    [REDRIVE_HEADERS.count]: text('how many times `npm run ops -- dlq redrive` put it back'),
    [REDRIVE_HEADERS.originalTopic]: text('where it was first dead-lettered: topic'),
    [REDRIVE_HEADERS.originalPartition]: text('... partition'),
    [REDRIVE_HEADERS.originalOffset]: text('... offset'),
    [REDRIVE_HEADERS.from]: text(
      'topic[partition]@offset of the dead letter it was re-driven from',
    ),
  };
  return {
    name: parked ? 'parked-letter' : 'dead-letter',
    title: parked ? 'Parked dead letter' : 'Dead letter',
    summary: parked
      ? 'A dead letter that failed again after too many re-drives, exactly as it was on its DLQ.'
      : 'The message exactly as read (key, value, headers), with why it could not be handled.',
    headers: {
      ...headersObject(
        {
          [DLQ_HEADERS.error]: text('why it could not be handled'),
          [DLQ_HEADERS.originalTopic]: text('the topic it was read from'),
          [DLQ_HEADERS.originalPartition]: text('the partition it was read from'),
          [DLQ_HEADERS.originalOffset]: text('its offset there'),
          ...redrive,
        },
        [
          DLQ_HEADERS.error,
          DLQ_HEADERS.originalTopic,
          DLQ_HEADERS.originalPartition,
          DLQ_HEADERS.originalOffset,
        ],
      ),
      additionalProperties: { type: 'string', description: 'the original message’s headers' },
    },
    payload: { description: 'the original value, byte for byte (possibly not JSON)' },
    bindings: keyBinding({ description: 'the original key' }),
  };
}
