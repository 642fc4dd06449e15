/**
 * Headers a dead-letter topic adds to the message it keeps (key, value and other headers unchanged);
 * libs/messaging's sendToDeadLetter writes them, its spec checks the names against these.
 */
export const DLQ_HEADERS = {
  error: 'error',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
} as const;

/**
 * Headers `npm run ops -- dlq redrive` adds to a message it puts back on its original topic. The
 * `redrive-original-*` ones name where the message was first dead-lettered and survive later trips
 * through the DLQ (which overwrites `dlq-original-*`); `redrive-count` says how many re-drives so far.
 */
export const REDRIVE_HEADERS = {
  count: 'redrive-count',
  originalTopic: 'redrive-original-topic',
  originalPartition: 'redrive-original-partition',
  originalOffset: 'redrive-original-offset',
  /** `topic[partition]@offset` of the dead letter this copy was re-driven from. */
  from: 'redrive-from',
} as const;
