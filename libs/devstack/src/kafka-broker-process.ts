import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { javaLaunch, jvmArgs } from './kafka-java.js';
import type { BrokerSettings, KafkaBroker } from './kafka-broker.types.js';
import { kafkaServerProperties } from './kafka-server-properties.js';
import { answersAdmin } from './kafka-storage.js';
import { errorWithLogs } from './tail-lines.js';

export const HOST = '127.0.0.1';
const STOP_GRACE_MS = 30_000;

/** One Kafka node as a child JVM: formats its storage once, starts, stops, kills, starts again. */
export class KafkaBrokerProcess implements KafkaBroker {
  readonly nodeId: number;
  readonly bootstrapServers: string;
  readonly dataDir: string;
  readonly scramBootstrapServers?: string;
  readonly proxiedTargetPort?: number;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly settings: BrokerSettings) {
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
      ...jvmArgs(this.logsDir, {
        heap: [`-Xms${heapMb}m`, `-Xmx${heapMb}m`],
        quickJit: this.settings.quickJit,
      }),
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
      // The storage tool runs for a second or two: C1 only.
      ...jvmArgs(this.logsDir, { heap: ['-Xmx256m'], quickJit: true }),
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
