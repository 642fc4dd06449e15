import { rm } from 'node:fs/promises';
import type { KafkaBroker } from '#devstack';

/** Stops the broker global-setup started, if it started one, and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const broker = (globalThis as { __KAFKA_BROKER__?: KafkaBroker }).__KAFKA_BROKER__;
  if (!broker) return;
  await broker.stop();
  await rm(broker.dataDir, { recursive: true, force: true });
}
