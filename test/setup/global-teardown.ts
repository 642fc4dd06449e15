import { rm } from 'node:fs/promises';
import type { KafkaBroker } from '#devstack';

/** Stops the brokers global-setup started, if it started any, and removes their data. */
export default async function globalTeardown(): Promise<void> {
  const brokers = (globalThis as { __KAFKA_BROKERS__?: KafkaBroker[] }).__KAFKA_BROKERS__ ?? [];
  await Promise.all(
    brokers.map(async (broker) => {
      await broker.stop();
      await rm(broker.dataDir, { recursive: true, force: true });
    }),
  );
}
