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
export const CONSUMER_RETRY: RetryOptions & { restartOnFailure: (e: Error) => Promise<boolean> } = {
  initialRetryTime: 100,
  maxRetryTime: MAX_DELAY_MS,
  retries: 8,
  restartOnFailure: async () => false,
};

/**
 * Starts a crashed consumer again, with backoff (100 ms doubling to 0.5 s), until it runs or
 * `stopped()` says not to. Every crash of a consumer built with CONSUMER_RETRY comes here; one
 * kafkajs restarts itself (a consumer built without it) is left to kafkajs.
 */
export function restartAfterCrash(
  consumer: Consumer,
  start: () => Promise<void>,
  logger: Logger,
  stopped: () => boolean,
): void {
  let delay = FIRST_DELAY_MS;
  const restart = (): void => {
    setTimeout(() => {
      if (stopped()) return;
      start().then(
        () => {
          logger.log('consumer running again');
          delay = FIRST_DELAY_MS;
        },
        (error: Error) => {
          logger.error(`consumer restart failed: ${error.message}; next try in ${delay} ms`);
          delay = Math.min(delay * 2, MAX_DELAY_MS);
          restart();
        },
      );
    }, delay).unref();
  };
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || stopped()) return;
    logger.error(`consumer crashed (${payload.error.message}); restarting it in ${delay} ms`);
    restart();
  });
}
