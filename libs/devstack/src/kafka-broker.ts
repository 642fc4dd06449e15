import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brokerPorts } from './free-port.js';
import { javaLaunch, jvmArgs } from './kafka-java.js';
import { kafkaServerProperties, type ClusterMember } from './kafka-server-properties.js';
import { answersAdmin, checkLibs, clusterId, newRunDir } from './kafka-storage.js';
import { errorWithLogs } from './tail-lines.js';

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 30_000;

/** Options of startKafkaBroker(); every one has a default. */
export interface KafkaBrokerOptions {
  /** PLAINTEXT port; default: a free port chosen at start. */
  port?: number;
  /** KRaft controller port; default: a free port. */
  controllerPort?: number;
  /** Folder of config, data and logs; default: a fresh folder under <repo>/.cache/kafka/runs/. */
  dataDir?: string;
  /** JVM heap in MiB; default 512. */
  heapMb?: number;
  /** How long start() may take until the broker answers; default 60000. */
  startTimeoutMs?: number;
  /** Receives progress messages; default: no output. */
  log?: (line: string) => void;
  /**
   * SCRAM-SHA-256 users (name to password): adds a SASL_PLAINTEXT listener (`scramBootstrapServers`)
   * whose clients get only what ACLs grant, and logs every authorization to logs/server.log.
   */
  scramUsers?: Record<string, string>;
  /** Makes this node one voter of a cluster (see startKafkaCluster); default: a single node. */
  member?: ClusterMember;
  /**
   * Adds a listener (`proxiedTarget`) that tells its clients to connect to this port of 127.0.0.1,
   * where a test puts a TCP proxy forwarding to `proxiedTarget`: a slow or stalled network between
   * the apps and the broker, while the set-up and the checks talk to it directly.
   */
  proxiedClientPort?: number;
}

/** A running Apache Kafka node (KRaft, broker+controller) in a child JVM: alone or one of a cluster. */
export interface KafkaBroker {
  /** The KRaft node id (1 for a single node). */
  readonly nodeId: number;
  /** "127.0.0.1:<port>" for kafkajs `brokers`. */
  readonly bootstrapServers: string;
  /** Folder holding server.properties, data/ and logs/. */
  readonly dataDir: string;
  /** "127.0.0.1:<port>" of the SCRAM listener, when `scramUsers` was given. */
  readonly scramBootstrapServers?: string;
  /** The port of the listener a proxy forwards to, when `proxiedClientPort` was given. */
  readonly proxiedTargetPort?: number;
  /** SIGTERM, wait up to 30 s, then SIGKILL; resolves once the process is gone; idempotent. */
  stop(): Promise<void>;
  /** SIGKILL (a crash: no controlled shutdown); resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts again after stop() on the same ports and data (no reformat); resolves when ready. */
  start(): Promise<void>;
}

/** Formats a fresh data dir if needed, starts a broker and resolves once an admin client gets an answer. */
export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const broker = await prepareKafkaBroker(options);
  await broker.start();
  return broker;
}

/** A broker with startKafkaBroker's settings, its ports chosen, not started yet: call start(). */
export async function prepareKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const libsDir = checkLibs();
  const [freePort, freeControllerPort, scramPort, proxiedPort] = await brokerPorts(4, HOST);
  const member = options.member ?? {
    nodeId: 1,
    quorumVoters: '',
    clusterId: clusterId(),
    replicas: 1,
  };
  return new KafkaBrokerProcess({
    libsDir,
    port: options.port ?? freePort,
    controllerPort: options.controllerPort ?? freeControllerPort,
    dataDir: resolve(options.dataDir ?? newRunDir()),
    heapMb: options.heapMb ?? 512,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    log: options.log ?? (() => {}),
    scramUsers: options.scramUsers ?? {},
    scramPort: options.scramUsers ? scramPort : 0,
    proxiedClientPort: options.proxiedClientPort ?? 0,
    proxiedPort: options.proxiedClientPort ? proxiedPort : 0,
    member,
  });
}

type Settings = Required<Omit<KafkaBrokerOptions, 'dataDir' | 'member'>> & {
  member: ClusterMember;
  dataDir: string;
  libsDir: string;
  /** 0: no SCRAM listener. */
  scramPort: number;
  /** 0: no proxied listener. */
  proxiedPort: number;
};

class KafkaBrokerProcess implements KafkaBroker {
  readonly nodeId: number;
  readonly bootstrapServers: string;
  readonly dataDir: string;
  readonly scramBootstrapServers?: string;
  readonly proxiedTargetPort?: number;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly settings: Settings) {
    this.nodeId = settings.member.nodeId;
    this.bootstrapServers = `${HOST}:${settings.port}`;
    this.dataDir = settings.dataDir;
    if (settings.scramPort) this.scramBootstrapServers = `${HOST}:${settings.scramPort}`;
    if (settings.proxiedPort) this.proxiedTargetPort = settings.proxiedPort;
  }

  private get logsDir(): string {
    return join(this.dataDir, 'logs');
  }

  private get serverLog(): string {
    return join(this.logsDir, 'server.log');
  }

  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop().finally(() => (this.stopping = undefined));
    return this.stopping;
  }

  async kill(): Promise<void> {
    if (!this.child) await this.starting?.catch(() => {});
    this.child?.kill('SIGKILL');
    await this.exited;
    this.settings.log(`kafka: node ${this.nodeId} (${this.bootstrapServers}) killed`);
  }

  private async doStart(): Promise<void> {
    await this.stopping; // start() right after stop(): let the old process go first
    if (this.child) return; // already running
    const { log, libsDir, heapMb } = this.settings;
    const began = Date.now();
    const propertiesFile = this.prepareDataDir();
    if (!existsSync(join(this.dataDir, 'data', 'meta.properties'))) {
      await this.format(propertiesFile);
      log(`kafka: formatted ${this.dataDir} in ${Date.now() - began} ms`);
    }
    const consoleLog = openSync(join(this.logsDir, 'console.log'), 'a');
    const [command, args] = javaLaunch([
      ...jvmArgs(this.logsDir, `-Xms${heapMb}m`, `-Xmx${heapMb}m`),
      ...(this.settings.scramPort ? ['-Dkafka.authorizer.log.level=debug'] : []),
      '-cp',
      join(libsDir, '*'),
      'kafka.Kafka',
      propertiesFile,
    ]);
    const child = spawn(command, args, {
      cwd: this.dataDir,
      stdio: ['ignore', consoleLog, consoleLog],
    });
    closeSync(consoleLog);
    this.track(child);
    log(
      `kafka: started java (pid ${child.pid}) for ${this.bootstrapServers}, waiting for it to answer`,
    );
    try {
      await this.waitUntilReady(child, began + this.settings.startTimeoutMs);
    } catch (error) {
      await this.terminate();
      throw error;
    }
    log(
      `kafka: broker ready on ${this.bootstrapServers} in ${Date.now() - began} ms (logs: ${this.serverLog})`,
    );
  }

  private prepareDataDir(): string {
    mkdirSync(join(this.dataDir, 'data'), { recursive: true });
    mkdirSync(this.logsDir, { recursive: true });
    const file = join(this.dataDir, 'server.properties');
    const { port, controllerPort, member } = this.settings;
    writeFileSync(
      file,
      kafkaServerProperties({
        host: HOST,
        port,
        controllerPort,
        logDir: join(this.dataDir, 'data'),
        nodeId: member.nodeId,
        quorumVoters: member.quorumVoters || undefined,
        replicas: member.replicas,
        scramPort: this.settings.scramPort || undefined,
        proxied: this.settings.proxiedPort
          ? { port: this.settings.proxiedPort, advertisedPort: this.settings.proxiedClientPort }
          : undefined,
      }),
    );
    return file;
  }

  private async format(propertiesFile: string): Promise<void> {
    const [command, args] = javaLaunch([
      ...jvmArgs(this.logsDir, '-Xmx256m'),
      '-cp',
      join(this.settings.libsDir, '*'),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      this.settings.member.clusterId,
      '-c',
      propertiesFile,
      ...Object.entries(this.settings.scramUsers).flatMap(([name, password]) => [
        '--add-scram',
        `SCRAM-SHA-256=[name=${name},password=${password}]`,
      ]),
    ]);
    try {
      await promisify(execFile)(command, args, {
        cwd: this.dataDir,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const {
        stdout = '',
        stderr = '',
        message,
      } = error as Error & { stdout?: string; stderr?: string };
      throw new Error(
        `Formatting Kafka storage in ${this.dataDir} failed: ${message}\n${stdout}${stderr}`,
      );
    }
  }

  private track(child: ChildProcess): void {
    this.child = child;
    liveChildren.add(child);
    this.exited = new Promise((done) => {
      const gone = (): void => {
        liveChildren.delete(child);
        if (this.child === child) this.child = undefined;
        done();
      };
      child.once('exit', gone);
      child.once('error', gone); // e.g. java not found: 'exit' never comes
    });
  }

  private async waitUntilReady(child: ChildProcess, deadline: number): Promise<void> {
    let exit: string | undefined;
    child.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `code ${code}`));
    child.once('error', (error) => (exit = error.message));
    for (;;) {
      if (exit !== undefined)
        throw this.failure(`The Kafka broker process exited early (${exit})`, true);
      if (Date.now() > deadline) {
        throw this.failure(
          `The Kafka broker did not answer within ${this.settings.startTimeoutMs} ms`,
          false,
        );
      }
      if (await answersAdmin(this.bootstrapServers)) return;
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }

  private failure(what: string, withConsole: boolean): Error {
    return errorWithLogs(what, this.logsDir, withConsole);
  }

  private async doStop(): Promise<void> {
    // Called while formatting (no process yet): let start() finish, then stop what it started.
    // Called while waiting for readiness: the process goes now and that start() rejects.
    if (!this.child) await this.starting?.catch(() => {});
    const began = Date.now();
    if (await this.terminate()) {
      this.settings.log(
        `kafka: broker ${this.bootstrapServers} stopped in ${Date.now() - began} ms`,
      );
    }
  }

  /** SIGTERM, SIGKILL after the grace time; resolves when the process is gone (false if none ran). */
  private async terminate(): Promise<boolean> {
    const child = this.child;
    if (!child) return false;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
    return true;
  }
}

/** Every broker JVM still running; killed synchronously when this Node process exits (see also javaLaunch). */
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});
