import type { KafkaBroker } from '#devstack';

/** Stops the broker global-setup started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __KAFKA_BROKER__?: KafkaBroker }).__KAFKA_BROKER__?.stop();
}
