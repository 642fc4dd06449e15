/**
 * Runs first in every integration file: points KAFKA_BROKERS (what TestStack, the topic recorder
 * and raw clients read) at this worker's own broker, started by global-setup.ts. Jest numbers its
 * workers 1..maxWorkers (JEST_WORKER_ID), and a worker runs one file at a time.
 */
/** Set by global-setup.ts (same name there: jest loads that file without this one's module mapping). */
const BROKERS_OF_WORKER = 'KAFKA_BROKERS_OF_WORKER_';

const own = process.env[BROKERS_OF_WORKER + (process.env.JEST_WORKER_ID ?? '1')];
if (own) process.env.KAFKA_BROKERS = own;
