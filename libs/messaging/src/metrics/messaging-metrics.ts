import type { RpcReply } from '#contracts';
import { DURATION_BUCKETS, counter, gauge, histogram } from '#observability';

/**
 * How a request/reply call ended: `ok`; `rejected` (the service refused it, 4xx); `timeout` (no
 * answer before the deadline, or the request expired before its handler ran); `unavailable` (it
 * could not be sent or handled for now, 503); `error` (the handler failed, 500).
 */
export type RpcOutcome = 'ok' | 'rejected' | 'timeout' | 'unavailable' | 'error';

const RPC_LABELS = ['rpc_method', 'outcome'] as const;

/** OpenTelemetry's `rpc.client.call.duration`: a caller's wait for a reply, by pattern and outcome. */
export const rpcClientDuration = histogram({
  name: 'rpc_client_call_duration_seconds',
  help: 'Request/reply calls over Kafka as the caller saw them, by pattern (rpc_method) and outcome.',
  labelNames: RPC_LABELS,
  buckets: DURATION_BUCKETS,
});

/** OpenTelemetry's `rpc.server.call.duration`: a service's handling of a request, by pattern and outcome. */
export const rpcServerDuration = histogram({
  name: 'rpc_server_call_duration_seconds',
  help: 'Requests handled by a service, by pattern (rpc_method) and outcome.',
  labelNames: RPC_LABELS,
  buckets: DURATION_BUCKETS,
});

/** Messages behind the partition's end, as the consumer that reads the partition sees them. */
export const consumerLag = gauge({
  name: 'messaging_kafka_consumer_lag',
  help: 'Messages not handled yet per partition (high watermark minus the next offset to handle), as its consumer sees them.',
  labelNames: [
    'messaging_consumer_group_name',
    'messaging_destination_name',
    'messaging_destination_partition_id',
  ] as const,
});

/** Why a message went to a dead-letter topic: its value is unusable, or its handling failed for good. */
export type DeadLetterReason = 'unreadable' | 'processing_failed';

export const deadLetters = counter({
  name: 'messaging_dead_letter_messages_total',
  help: 'Messages sent to a dead-letter topic, by dead-letter topic and reason.',
  labelNames: ['messaging_destination_name', 'reason'] as const,
});

/** The outcome of an answered call, from its reply. */
export function replyOutcome(reply: RpcReply<unknown>): RpcOutcome {
  if (reply.ok) return 'ok';
  const { status } = reply.error;
  if (status === 503) return 'unavailable';
  if (status === 504 || status === 408) return 'timeout';
  return status < 500 ? 'rejected' : 'error';
}
