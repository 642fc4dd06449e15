import type { Kafka, KafkaMessage } from 'kafkajs';
import { planRedrive, parkingTopicOf, type RedriveStep } from './redrive-plan.js';
import { readRanges } from './range-reader.js';
import { withAdmin } from './ops-clients.js';
import { checkRangeOptions, partitionRanges, type RangeOptions } from './topic-range.js';

export interface RedriveOptions extends RangeOptions {
  dryRun: boolean;
  /** Stop after this many dead letters. */
  max?: number;
  /** At most this many messages per second. */
  rate?: number;
  /** Park a dead letter re-driven this many times already. */
  maxRedrives: number;
}

export interface RedriveResult {
  partition: number;
  offset: string;
  step: RedriveStep;
  error?: string;
}

/** The consumer group whose committed offsets are how far re-drive got on `dlq`. */
export const redriveGroup = (dlq: string) => `ops.redrive.${dlq}`;

/**
 * Re-drives the dead letters of `dlq` from where the last run stopped (or the given offsets) up to its
 * end as of now. Each message is produced (acks from all in-sync replicas) before the group's offset
 * moves past it, so a crash re-drives at most the message in flight again; a run reads only up to
 * the end as of its start, so what fails again waits for the next run (no loop). A dry run reads the same
 * messages with a throw-away group and produces and commits nothing.
 */
export async function redriveDeadLetters(
  kafka: Kafka,
  dlq: string,
  options: RedriveOptions,
  report: (result: RedriveResult) => void,
): Promise<RedriveResult[]> {
  parkingTopicOf(dlq); // refuses a topic that is not a DLQ before anything is read
  checkRangeOptions(options);
  const group = redriveGroup(dlq);
  const { ranges, positions } = await withAdmin(kafka, async (admin) => ({
    ranges: await partitionRanges(admin, dlq, options, group),
    positions: await partitionRanges(admin, dlq, {}, group),
  }));
  // The group's position moves only over messages re-driven in order from it: an offset range
  // further on re-drives without leaving the messages before it marked as done.
  const position = new Map(positions.map((p) => [p.partition, p.start]));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  if (!options.dryRun) await producer.connect();
  const results: RedriveResult[] = [];
  const started = Date.now();
  const reader = options.dryRun ? `ops.read.${crypto.randomUUID()}` : group;
  try {
    await readRanges(kafka, dlq, reader, ranges, async ({ partition, message }, consumer) => {
      if (options.max !== undefined && results.length >= options.max) return false;
      if (options.rate) await pace(started, results.length, options.rate);
      const step = planRedrive(dlq, partition, message, options.maxRedrives);
      const result: RedriveResult = { partition, offset: message.offset, step };
      results.push(result);
      if (!options.dryRun) {
        await producer.send({ topic: step.topic, acks: -1, messages: [copy(message, step)] });
        const offset = Number(message.offset);
        if (position.get(partition) === offset) {
          await consumer.commitOffsets([{ topic: dlq, partition, offset: String(offset + 1) }]);
          position.set(partition, offset + 1);
        }
      }
      report(result);
      return options.max === undefined || results.length < options.max;
    });
  } finally {
    if (!options.dryRun) await producer.disconnect();
    if (options.dryRun) await withAdmin(kafka, (a) => a.deleteGroups([reader])).catch(() => []);
  }
  return results;
}

function copy(message: KafkaMessage, step: RedriveStep) {
  return { key: message.key, value: message.value, headers: step.headers };
}

/** Waits until sending message number `sent` keeps within `rate` per second since `started`. */
async function pace(started: number, sent: number, rate: number): Promise<void> {
  const due = started + (sent * 1000) / rate;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
