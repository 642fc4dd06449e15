import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { KafkaEnvSchema } from '#config';
import { allTopics } from '#contracts';
import {
  freePorts,
  repoRoot,
  startKafkaBroker,
  startKafkaCluster,
  type KafkaBroker,
  type KafkaCluster,
} from '#devstack';
import { createKafka, createWholeSendProducer, ensureTopics } from '#messaging';
import { TcpFaultProxy, TestStack } from '#testing';
import type { FaultContext, FaultScenario } from './fault-context.js';
import type { FaultProfile } from './fault-profile.js';
import { FaultRecorder } from './fault-recorder.js';
import { emptyResult, type ScenarioResult } from './scenario-result.js';
import { restoreReplicas } from './stack-checks.js';
import { fullyReplicated } from './cluster-checks.js';

export interface FaultRunOptions {
  profile: FaultProfile;
  scenarios: FaultScenario[];
  /** Kafka nodes to start: 1, or a cluster of 3 (topics at replication 3, min.insync.replicas 2). */
  brokers: number;
  log(line: string): void;
}

/**
 * Starts a broker (or a cluster) of its own, two replicas of every app (employment's database behind a TCP proxy),
 * runs the scenarios one after the other, restoring the system between them, and always stops
 * everything it started and drops its databases.
 */
export class FaultRunner {
  private broker?: KafkaBroker;
  private cluster?: KafkaCluster;
  private stack?: TestStack;
  private proxy?: TcpFaultProxy;
  private brokerProxy?: TcpFaultProxy;
  private recorder?: FaultRecorder;
  private producer?: Producer;
  private admin?: Admin;
  private logFile?: string;

  constructor(private readonly options: FaultRunOptions) {}

  /** Runs every scenario; resolves with one result each (a scenario that threw is a failed row). */
  async run(): Promise<ScenarioResult[]> {
    const ctx = await this.setUp();
    const results: ScenarioResult[] = [];
    for (const scenario of this.options.scenarios) {
      this.options.log(`--- ${scenario.name}`);
      const started = Date.now();
      let result: ScenarioResult;
      try {
        result = await scenario.run(ctx);
      } catch (error) {
        result = emptyResult(scenario.name);
        result.violations.push(`scenario aborted: ${(error as Error).message.split('\n')[0]}`);
        this.options.log(ctx.stack.output.slice(-20).join('\n'));
      }
      result.ms = Date.now() - started;
      this.stack?.logStream?.write(`===== end of ${scenario.name}\n`);
      this.options.log(
        `${result.violations.length ? 'FAIL' : 'pass'} ${scenario.name} in ${result.ms} ms ${result.violations.join('; ')}`,
      );
      results.push(result);
      if (scenario === this.options.scenarios.at(-1)) break;
      try {
        await this.restore(ctx);
      } catch (error) {
        this.options.log(
          `could not restore the system: ${(error as Error).message.split('\n')[0]}`,
        );
      }
    }
    return results;
  }

  /** Stops every process the run started, drops its databases and removes the broker's data. */
  async tearDown(): Promise<void> {
    const quietly = (p?: Promise<unknown>) =>
      p?.catch((e) => this.options.log(`teardown: ${(e as Error).message}`));
    await quietly(this.producer?.disconnect());
    await quietly(this.admin?.disconnect());
    await quietly(this.recorder?.stop());
    await quietly(this.stack?.stop());
    this.stack?.logStream?.end();
    await quietly(this.proxy?.stop());
    await quietly(this.brokerProxy?.stop());
    await quietly(this.broker?.stop());
    if (this.broker) await rm(this.broker.dataDir, { recursive: true, force: true });
  }

  private async setUp(): Promise<FaultContext> {
    const { log, profile } = this.options;
    const t0 = Date.now();
    if (this.options.brokers > 1) {
      this.cluster = await startKafkaCluster({ nodes: this.options.brokers });
      this.broker = this.cluster;
    } else {
      // The apps reach the broker through a proxy (slow network, stalls); set-up and checks directly.
      const [proxyPort] = await freePorts(1, '127.0.0.1');
      this.broker = await startKafkaBroker({ heapMb: 512, proxiedClientPort: proxyPort });
      this.brokerProxy = new TcpFaultProxy('127.0.0.1', this.broker.proxiedTargetPort!);
      await this.brokerProxy.start(proxyPort);
    }
    const brokers = this.broker.bootstrapServers.split(',');
    const appBrokers = this.brokerProxy
      ? `127.0.0.1:${this.brokerProxy.port}`
      : this.broker.bootstrapServers;
    const kafka = new Kafka({ clientId: 'faults', brokers, logLevel: logLevel.NOTHING });
    this.admin = kafka.admin();
    await this.admin.connect();
    const env = KafkaEnvSchema.parse({ KAFKA_BROKERS: this.broker.bootstrapServers });
    await ensureTopics(createKafka(env, 'faults-topics'), allTopics());
    this.stack = new TestStack({ KAFKA_BROKERS: appBrokers });
    this.stack.healthTimeoutMs = 120_000; // eight apps start at once, beside the broker(s)
    await mkdir(join(repoRoot(), '.cache', 'faults'), { recursive: true });
    this.logFile = join(
      repoRoot(),
      '.cache',
      'faults',
      `apps-${new Date().toISOString().replace(/[:.]/g, '-')}.log`,
    );
    this.stack.logStream = createWriteStream(this.logFile);
    log(`the apps' output: ${this.logFile}`);
    const direct = new URL(this.stack.serviceDatabases.employment);
    this.proxy = new TcpFaultProxy(direct.hostname, Number(direct.port || 5432));
    const proxied = new URL(direct);
    proxied.port = String(await this.proxy.start());
    this.stack.appEnv.employment = { DATABASE_URL: proxied.toString() };
    this.recorder = await new FaultRecorder(brokers).start();
    this.producer = createWholeSendProducer(kafka, { allowAutoTopicCreation: false });
    await this.producer.connect();
    await this.stack.start({ people: 2, companies: 2, employment: 2, gateway: 2 });
    log(
      `${brokers.length} broker(s) and 8 apps up in ${Date.now() - t0} ms (profile ${profile.name})`,
    );
    return {
      profile,
      broker: this.broker,
      cluster: this.cluster,
      stack: this.stack,
      employmentDbProxy: this.proxy,
      brokerProxy: this.brokerProxy,
      recorder: this.recorder,
      producer: this.producer,
      admin: this.admin,
      run: randomUUID().slice(0, 6),
      log,
    };
  }

  /** Brings the system back to two healthy replicas of everything, whatever a scenario left. */
  private async restore(ctx: FaultContext): Promise<void> {
    ctx.employmentDbProxy.up();
    ctx.brokerProxy?.up();
    await ctx.broker.start(); // every node that is down; nothing when all run
    if (ctx.cluster && (await fullyReplicated(ctx.admin, ctx.profile.recoverMs)) === null)
      this.options.log('replicas still out of sync after the scenario');
    await restoreReplicas(ctx.stack);
  }
}
