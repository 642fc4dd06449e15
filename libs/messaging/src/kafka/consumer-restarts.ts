import type { Logger } from '@nestjs/common';
import type { Consumer, RetryOptions } from 'kafkajs';

const FIRST_DELAY_MS = 100;
/**
 * Tries stay this close together however long the broker was away, so a consumer is back within
 * about 0.5 s of the broker (a 30 s cap made it up to 30 s: the first HTTP 201 came 13 s after a
 * broker outage); a try against a broker that is down is one refused connection.
 */
const MAX_DELAY_MS = 500;

/**
 * The `retry` of every consumer the apps make. kafkajs restarts a crashed consumer itself only when
 * the error is retriable, and then only after the last delay of the retries that gave up ("Restarting
 * the consumer in 2000ms" with the client's 2 s cap): after a broker outage every consumer was away
 * for up to 2 s more. `restartOnFailure` (kafkajs' documented hook) tells it never to restart:
 * restartAfterCrash restarts every crash with a shorter backoff. The retries inside a running
 * consumer (fetch, join, commit) wait at most 0.5 s between tries and try 8 times: about the 3 s
 * they took before (5 retries, 100 ms doubling to 2 s) until the consumer crashes.
 */
export const CONSUMER_RETRY: RetryOptions = {
  initialRetryTime: 100,
  maxRetryTime: MAX_DELAY_MS,
  retries: 8,
  restartOnFailure: async () => false,
};

/** A consumer that ran this long before it crashed is restarted after the first delay again. */
const STABLE_MS = 10_000;

/**
 * Starts a crashed consumer again until it runs or `stopped()` says not to. A failed start (the
 * broker refusing connections) is tried again after 100 ms doubling to 0.5 s. A crash comes after
 * a start that reached a broker: restarted after 100 ms, doubling to 0.5 s only while crashes follow
 * each other within 10 s. Every crash of a consumer built with CONSUMER_RETRY comes here; one
 * kafkajs restarts itself (a consumer built without it) is left to kafkajs.
 */
export function restartAfterCrash(
  consumer: Consumer,
  start: () => Promise<void>,
  logger: Logger,
  stopped: () => boolean,
): void {
  let startDelay = FIRST_DELAY_MS;
  let crashDelay = FIRST_DELAY_MS;
  let lastCrash = -Infinity;
  const later = (ms: number): void => {
    setTimeout(tryStart, ms).unref();
  };
  const tryStart = (): void => {
    if (stopped()) return;
    start().then(
      () => {
        logger.log('consumer running again');
        startDelay = FIRST_DELAY_MS;
      },
      (error: Error) => {
        logger.error(`consumer restart failed: ${error.message}; next try in ${startDelay} ms`);
        later(startDelay);
        startDelay = Math.min(startDelay * 2, MAX_DELAY_MS);
      },
    );
  };
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || stopped()) return;
    if (Date.now() - lastCrash >= STABLE_MS) crashDelay = FIRST_DELAY_MS;
    lastCrash = Date.now();
    logger.error(`consumer crashed (${payload.error.message}); restarting it in ${crashDelay} ms`);
    later(crashDelay);
    crashDelay = Math.min(crashDelay * 2, MAX_DELAY_MS);
  });
}
