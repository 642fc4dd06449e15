import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Kafka, Producer, ProducerConfig } from 'kafkajs';
import { GaveUpError, isTransientError } from '#core';

/** How a failed send is repeated: bounded in attempts and in time, backing off exponentially. */
export interface WholeSendPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** No attempt starts later than this after the first (one in flight may still take kafkajs' requestTimeout). */
  maxTotalMs: number;
  /** Wait before the second attempt; doubled for each next one (±20 % jitter), up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
}

/** About what kafkajs' own retries gave (5 retries, 100 ms doubling to 2 s), with a bound in time. */
export const WHOLE_SEND_POLICY: WholeSendPolicy = {
  maxAttempts: 8,
  maxTotalMs: 20_000,
  initialDelayMs: 100,
  maxDelayMs: 2_000,
};

/**
 * For requests: a caller waits at most its deadline (REQUEST_TIMEOUT_MS, 2–3 s), so a send still
 * failing after a second fails into a 503 rather than being written once its caller gave up, and
 * does not hold the requests behind it in the coalescer.
 */
export const REQUEST_SEND_POLICY: WholeSendPolicy = {
  maxAttempts: 4,
  maxTotalMs: 1_000,
  initialDelayMs: 100,
  maxDelayMs: 400,
};

/** A producer whose sends are repeated whole; `withPolicy` gives the same producer under another policy. */
export interface WholeSendProducer extends Producer {
  withPolicy(policy: WholeSendPolicy): Producer;
}

/**
 * A kafkajs producer with its own send retries off, whose `send` and `sendBatch` repeat the whole
 * call instead. kafkajs 2.2.4 retries a produce inside one call with a map of answers per broker
 * kept across attempts: when a partition's leader moves to a broker that had already answered for
 * other partitions, that broker is skipped and the moved partition's messages are never written,
 * yet the call resolves (kafkajs#1303). Not idempotent: kafkajs refuses an idempotent producer
 * without retries (docs/reliability.md says why that is kept off anyway).
 */
export function createWholeSendProducer(
  kafka: Kafka,
  config: Omit<ProducerConfig, 'retry' | 'idempotent'> = {},
  policy: WholeSendPolicy = WHOLE_SEND_POLICY,
): WholeSendProducer {
  return repeatWholeSends(kafka.producer({ ...config, retry: { retries: 0 } }), policy);
}

/** Wraps a producer whose own retries are off; see createWholeSendProducer. */
export function repeatWholeSends(
  producer: Producer,
  policy: WholeSendPolicy = WHOLE_SEND_POLICY,
  logger = new Logger('WholeSendProducer'),
  closing = new AbortController(),
): WholeSendProducer {
  const repeat = async <T>(what: string, send: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await send();
        if (attempt > 1) logger.log(`${what} went through on attempt ${attempt}`);
        return result;
      } catch (error) {
        const elapsed = Date.now() - started;
        const reason = (error as Error).message;
        if (!isTransientError(error)) {
          throw new GaveUpError(`${what} refused: ${reason}`, error, attempt, elapsed);
        }
        const delay = backoff(policy, attempt);
        const giveUp = (why: string) =>
          new GaveUpError(
            `${what} failed ${attempt} times in ${elapsed} ms${why}, last: ${reason}`,
            error,
            attempt,
            elapsed,
          );
        if (attempt >= policy.maxAttempts || elapsed + delay > policy.maxTotalMs) throw giveUp('');
        logger.warn(
          `${what} failed (attempt ${attempt}): ${reason}; whole send again in ${delay} ms`,
        );
        await sleep(delay, undefined, { signal: closing.signal }).catch(() => undefined);
        if (closing.signal.aborted) throw giveUp(' (producer disconnecting)');
      }
    }
  };
  return {
    ...producer,
    send: (record) => repeat(`send to ${record.topic}`, () => producer.send(record)),
    sendBatch: (batch) =>
      repeat(`send to ${topicsOf(batch.topicMessages)}`, () => producer.sendBatch(batch)),
    withPolicy: (other) => repeatWholeSends(producer, other, logger, closing),
    disconnect: () => {
      closing.abort(); // a send waiting to be repeated gives up now
      return producer.disconnect();
    },
  };
}

function backoff(policy: WholeSendPolicy, attempt: number): number {
  const base = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(base * (0.8 + 0.4 * Math.random()));
}

function topicsOf(topicMessages: ReadonlyArray<{ topic: string }> = []): string {
  return [...new Set(topicMessages.map((t) => t.topic))].join(', ');
}
