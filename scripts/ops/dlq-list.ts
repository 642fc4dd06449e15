import type { Kafka } from 'kafkajs';
import { DLQ_HEADERS, REDRIVE_HEADERS } from '#contracts';
import { readRanges } from './range-reader.js';
import { stringHeaders, parkingTopicOf } from './redrive-plan.js';
import { withAdmin } from './ops-clients.js';
import { checkRangeOptions, partitionRanges, type RangeOptions } from './topic-range.js';
import { redriveGroup } from './dlq-redrive.js';

export interface DeadLetterRow {
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  error: string;
  original: string;
  redrives: number;
  /** Already re-driven (or parked) by an earlier run: before the re-drive group's position. */
  handled: boolean;
}

/** The dead letters of `dlq` (all of them, or a range) with why and where from; changes nothing. */
export async function listDeadLetters(
  kafka: Kafka,
  dlq: string,
  options: RangeOptions & { max?: number },
): Promise<DeadLetterRow[]> {
  parkingTopicOf(dlq);
  checkRangeOptions(options);
  const { ranges, position } = await withAdmin(kafka, async (admin) => ({
    ranges: await partitionRanges(admin, dlq, options),
    position: await partitionRanges(admin, dlq, {}, redriveGroup(dlq)),
  }));
  const rows: DeadLetterRow[] = [];
  const reader = `ops.read.${crypto.randomUUID()}`;
  try {
    await readRanges(kafka, dlq, reader, ranges, async ({ partition, message }) => {
      const h = stringHeaders(message.headers);
      const redriveStart = position.find((p) => p.partition === partition)?.start ?? 0;
      rows.push({
        partition,
        offset: message.offset,
        timestamp: new Date(Number(message.timestamp)).toISOString(),
        key: message.key?.toString() ?? null,
        error: h[DLQ_HEADERS.error] ?? '(no error header)',
        original: `${h[DLQ_HEADERS.originalTopic]}[${h[DLQ_HEADERS.originalPartition]}]@${h[DLQ_HEADERS.originalOffset]}`,
        redrives: Number.parseInt(h[REDRIVE_HEADERS.count] ?? '0', 10) || 0,
        handled: Number(message.offset) < redriveStart,
      });
      return options.max === undefined || rows.length < options.max;
    });
  } finally {
    await withAdmin(kafka, (admin) => admin.deleteGroups([reader])).catch(() => []);
  }
  return rows;
}
