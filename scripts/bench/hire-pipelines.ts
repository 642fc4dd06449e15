import { ensureBenchTopics } from './bench-topics.js';
import { startBaseline, type BaselineProcess } from './baseline-process.js';
import { prepareVerifiedPipelineDatabase } from './bare-http-schema.js';
import type { BenchStack } from './bench-stack.js';
import { createScratchDatabase, dropScratchDatabases } from './scratch-database.js';
import type { SeedData } from './seed-data.js';

/** A raw hire pipeline running beside the product: where to send requests, where outcomes appear. */
export interface RawPipeline {
  inTopic: string;
  outTopic: string;
  /** Its processes by name, for CPU and RSS. */
  processes: Record<string, BaselineProcess>;
  stop(): Promise<void>;
}

async function stopAll(processes: Record<string, BaselineProcess>, db: string): Promise<void> {
  await Promise.all(Object.values(processes).map((p) => p.stop()));
  await dropScratchDatabases(db);
}

/** The floor: raw-hire-pipeline.ts, consume, one INSERT and one send per batch, no verification. */
export async function startFloorPipeline(stack: BenchStack, run: string): Promise<RawPipeline> {
  const [inTopic, outTopic] = [`bench.raw-hires.${run}`, `bench.raw-outcomes.${run}`];
  await ensureBenchTopics(stack.kafka, [
    { topic: inTopic, numPartitions: 6 },
    { topic: outTopic, numPartitions: 6 },
  ]);
  const db = await createScratchDatabase('pipeline');
  const pipeline = await startBaseline('raw-hire-pipeline', {
    KAFKA_BROKERS: stack.brokers,
    DATABASE_URL: db,
    IN_TOPIC: inTopic,
    OUT_TOPIC: outTopic,
    GROUP: `bench-raw-${run}`,
  });
  const processes = { 'floor pipeline': pipeline };
  return { inTopic, outTopic, processes, stop: () => stopAll(processes, db) };
}

/**
 * The product's work without the product: raw-verified-hire-pipeline.ts asking two raw responders
 * (people and companies tables, as the two services) by request/reply, then one transaction with
 * the employees and their outbox rows, then the outcomes published.
 */
export async function startVerifiedPipeline(
  stack: BenchStack,
  run: string,
  seed: SeedData,
): Promise<RawPipeline> {
  const t = (what: string) => `bench.vraw-${what}.${run}`;
  const [inTopic, outTopic, people, companies, replies] = [
    t('hires'),
    t('outcomes'),
    t('people'),
    t('companies'),
    t('replies'),
  ];
  await ensureBenchTopics(stack.kafka, [
    ...[inTopic, outTopic, people, companies].map((topic) => ({ topic, numPartitions: 6 })),
    { topic: replies, numPartitions: 1 },
  ]);
  const db = await createScratchDatabase('verified');
  await prepareVerifiedPipelineDatabase(db, seed.people, seed.hireCompanies);
  const common = { KAFKA_BROKERS: stack.brokers, DATABASE_URL: db };
  const responder = (table: string, topic: string) =>
    startBaseline('raw-responder', {
      ...common,
      TABLE: table,
      IN_TOPIC: topic,
      GROUP: `bench-vraw-${table}-${run}`,
    });
  const [peopleResponder, companiesResponder] = await Promise.all([
    responder('people', people),
    responder('companies', companies),
  ]);
  const pipeline = await startBaseline('raw-verified-hire-pipeline', {
    ...common,
    IN_TOPIC: inTopic,
    OUT_TOPIC: outTopic,
    PEOPLE_TOPIC: people,
    COMPANIES_TOPIC: companies,
    REPLY_TOPIC: replies,
    GROUP: `bench-vraw-${run}`,
  });
  const processes = {
    'verifying pipeline': pipeline,
    'people responder': peopleResponder,
    'companies responder': companiesResponder,
  };
  return { inTopic, outTopic, processes, stop: () => stopAll(processes, db) };
}

/** Pids by process name, for a CpuMeter. */
export function pidsOf(pipeline: RawPipeline): Record<string, number> {
  return Object.fromEntries(Object.entries(pipeline.processes).map(([n, p]) => [n, p.pid]));
}
