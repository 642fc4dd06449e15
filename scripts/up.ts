/**
 * The run command: Kafka (unless KAFKA_BROKERS names one; KAFKA_NODES=3 for a three-node cluster),
 * then every app, then the URL to use. Ctrl-C stops the apps, then the broker(s).
 */
import { Logger } from '@nestjs/common';
import { allTopics } from '#contracts';
import {
  AppProcess,
  localAuthEnv,
  mintToken,
  portsInUse,
  setUpServiceDatabases,
  startKafkaBroker,
  startKafkaCluster,
  waitForHttpOk,
  type AppName,
  type KafkaBroker,
} from '#devstack';
import { createKafka, ensureTopics } from '#messaging';
import { KafkaEnvSchema } from '#config';

const SERVICES: Array<{ app: AppName; port: number }> = [
  { app: 'people', port: 3101 },
  { app: 'companies', port: 3102 },
  { app: 'employment', port: 3103 },
  { app: 'gateway', port: Number(process.env.PORT ?? 3000) },
];

Logger.overrideLogger(['fatal', 'error', 'warn', 'log']);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[up] ${line}`);

// Something already on these ports (often a stack started earlier) would answer our readiness checks
// in place of what we start: say so and stop instead.
const KAFKA_PORT = 9092;
const nodes = Number(process.env.KAFKA_NODES ?? '1');
if (nodes !== 1 && nodes !== 3) {
  console.error(`[up] KAFKA_NODES must be 1 or 3, not "${process.env.KAFKA_NODES}"`);
  process.exit(1);
}
const kafkaPorts = Array.from({ length: nodes }, (_, i) => KAFKA_PORT + i);
const taken = await portsInUse([
  ...(process.env.KAFKA_BROKERS ? [] : kafkaPorts),
  ...SERVICES.map((s) => s.port),
]);
if (taken.length) {
  console.error(
    `[up] port(s) ${taken.join(', ')} already in use on 127.0.0.1: is another \`npm start\` running? ` +
      'Stop it (Ctrl-C in its terminal), or set PORT / KAFKA_BROKERS to use other ones.',
  );
  process.exit(1);
}

let broker: KafkaBroker | undefined;
if (!process.env.KAFKA_BROKERS && nodes > 1) {
  say(`starting Apache Kafka (KRaft, ${nodes} nodes, replication 3) from .cache/kafka/libs ...`);
  broker = await startKafkaCluster({ nodes, firstPort: KAFKA_PORT, log: (l) => say(l) });
} else if (!process.env.KAFKA_BROKERS) {
  say('starting Apache Kafka (KRaft, single node) from .cache/kafka/libs ...');
  broker = await startKafkaBroker({ port: KAFKA_PORT, log: (l) => say(l) });
}
const brokers = process.env.KAFKA_BROKERS ?? broker!.bootstrapServers;
say(`Kafka at ${brokers} (${elapsed()})`);
await ensureTopics(
  createKafka(KafkaEnvSchema.parse({ KAFKA_BROKERS: brokers }), 'up'),
  allTopics(),
);

// The gateway trusts the local signing key (.cache/auth, made on first use); tokens come from `npm run token`.
// Each service connects with its own role, which owns its database (made here as the superuser).
const databases = await setUpServiceDatabases();
say(`databases and roles ready: ${Object.keys(databases).join(', ')} (${elapsed()})`);
const appEnv = (app: AppName): Record<string, string> =>
  app === 'gateway' ? localAuthEnv() : { DATABASE_URL: databases[app] };
const apps = SERVICES.map(
  ({ app, port }) =>
    new AppProcess({ app, env: { KAFKA_BROKERS: brokers, PORT: String(port), ...appEnv(app) } }),
);
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping ...');
    await Promise.all(apps.map((a) => a.stop()));
    await broker?.stop();
    say('stopped');
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  apps.forEach((a) => a.start());
  await Promise.all(
    SERVICES.map(({ port }, i) =>
      apps[i].whileRunning(waitForHttpOk(`http://127.0.0.1:${port}/health`, 90_000)),
    ),
  );
} catch (error) {
  say(`start-up failed: ${(error as Error).message}`);
  await shutdown(1);
}

const gateway = `http://localhost:${SERVICES.at(-1)!.port}`;
say(`all apps ready in ${elapsed()}`);
const token = await mintToken({ scope: 'read write', ttlSeconds: 12 * 3600 });
console.log(`
  Gateway:  ${gateway}     (OpenAPI UI: ${gateway}/docs)
  AsyncAPI: ${gateway}/asyncapi   (the Kafka topics and messages; JSON at ${gateway}/asyncapi.json)
  Metrics:  ${SERVICES.map(({ app, port }) => `${app.padEnd(11)} http://localhost:${port}/metrics`).join('\n            ')}
            (Prometheus text; dashboard and alerts: deploy/observability, docs/operations.md)
  Logs:     one JSON line each; LOG_LEVEL=debug adds a line per request, LOG_FORMAT=pretty to read them;
            traces over OTLP with OTEL_EXPORTER_OTLP_ENDPOINT (docs/operations.md)
  Kafka:    ${brokers}
  Token:    read+write for 12 h (another: npm run -s token -- --scope read --ttl 1h)
            export TOKEN=${token}
  Try:      curl -s -X POST ${gateway}/people -H "authorization: Bearer $TOKEN" \\
              -H 'content-type: application/json' \\
              -d '{"fullName":"Kelly Jetson","address":"1 Orbit Way","country":"US"}'
            curl -s -H "authorization: Bearer $TOKEN" '${gateway}/people?q=kelly'
  Stop:     Ctrl-C
`);
