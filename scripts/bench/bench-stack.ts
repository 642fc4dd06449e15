import { allTopics } from '#contracts';
import { startKafkaBroker, type AppName, type KafkaBroker } from '#devstack';
import { createKafka, ensureTopics } from '#messaging';
import { KafkaEnvSchema } from '#config';
import { TestStack } from '#testing';
import type { Kafka } from 'kafkajs';
import type { BenchOptions } from './bench-options.js';
import type { CpuScope } from './cpu-meter.js';
import { scratchDatabaseNames } from './scratch-database.js';

/** The system under test: started by the bench, or a running one named by GATEWAY_URL. */
export interface BenchStack {
  gatewayUrl: string;
  brokers: string;
  kafka: Kafka;
  /** Pid of each app the bench started (none for a running stack). */
  pids: Partial<Record<AppName, number>>;
  /** Broker ready and all apps healthy, in seconds from the start; undefined for a running stack. */
  startup?: { brokerSeconds: number; appsSeconds: number };
  /** The broker and databases whose CPU counts (all of them for a running stack). */
  cpuScope: CpuScope;
  stop(): Promise<void>;
}

const APPS: AppName[] = ['people', 'companies', 'employment', 'gateway'];

/** Starts Kafka and the four apps at once, as `npm start` does, on throw-away databases. */
export async function startBenchStack(
  options: BenchOptions,
  say: (line: string) => void,
): Promise<BenchStack> {
  if (options.gatewayUrl) {
    const brokers = options.kafkaBrokers ?? '127.0.0.1:9092';
    say(`using the running stack: gateway ${options.gatewayUrl}, Kafka ${brokers}`);
    return {
      gatewayUrl: options.gatewayUrl,
      brokers,
      kafka: kafkaAt(brokers),
      pids: {},
      cpuScope: {},
      stop: async () => {},
    };
  }
  const started = performance.now();
  let broker: KafkaBroker | undefined;
  if (!options.kafkaBrokers) broker = await startKafkaBroker({ log: (l) => say(l) });
  const brokers = options.kafkaBrokers ?? broker!.bootstrapServers;
  const brokerSeconds = (performance.now() - started) / 1000;
  const kafka = kafkaAt(brokers);
  await ensureTopics(kafka, allTopics());
  const stack = new TestStack({ KAFKA_BROKERS: brokers });
  const apps = await Promise.all(APPS.map((app) => stack.add(app)));
  await Promise.all(apps.map((app) => stack.waitHealthy(app)));
  const appsSeconds = (performance.now() - started) / 1000;
  say(
    `Kafka ready in ${brokerSeconds.toFixed(1)} s, all apps healthy in ${appsSeconds.toFixed(1)} s`,
  );
  say(`app pids (for profiles): ${apps.map((a) => `${a.app} ${a.process.pid}`).join(', ')}`);
  return {
    gatewayUrl: stack.gatewayUrl,
    brokers,
    kafka,
    pids: Object.fromEntries(apps.map((a) => [a.app, a.process.pid])),
    startup: { brokerSeconds, appsSeconds },
    cpuScope: {
      brokerDir: broker?.dataDir,
      databases: () => [
        ...Object.values(stack.databases).map((url) => new URL(url).pathname.slice(1)),
        ...scratchDatabaseNames,
      ],
    },
    stop: async () => {
      await stack.stop();
      await broker?.stop();
    },
  };
}

function kafkaAt(brokers: string): Kafka {
  return createKafka(KafkaEnvSchema.parse({ KAFKA_BROKERS: brokers }), 'bench');
}
