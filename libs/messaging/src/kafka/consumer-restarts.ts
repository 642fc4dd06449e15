import type { Logger } from '@nestjs/common';
import type { Consumer } from 'kafkajs';

const FIRST_DELAY_MS = 500;
/**
 * Tries stay this close together however long the broker was away, so a consumer is back within
 * about 1 s of the broker (a 30 s cap made it up to 30 s: the first HTTP 201 came 13 s after a
 * broker outage); a try against a broker that is down is one refused connection.
 */
const MAX_DELAY_MS = 1_000;

/**
 * kafkajs restarts a crashed consumer only when the error is retriable; after any other crash (a
 * group coordinator not found on a broker still starting, say) the consumer stays stopped while the
 * process runs on. This starts it again, with backoff, until it runs or `stopped()` says not to.
 */
export function restartWhenCrashedForGood(
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
    logger.error(
      `consumer crashed and kafkajs will not restart it (${payload.error.message}); restarting it in ${delay} ms`,
    );
    restart();
  });
}
