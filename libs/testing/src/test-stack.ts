import type { WriteStream } from 'node:fs';
import { AppProcess, freePorts, localAuthEnv, waitForHttpOk, type AppName } from '#devstack';
import { dropServiceDatabase, setUpServiceDatabase } from '#persistence';
import { testDatabaseServer, testDatabaseUrl, testServiceUrl } from './test-databases.js';

export type Replicas = Partial<Record<AppName, number>>;

const SERVICES_WITH_DATABASE = ['people', 'companies', 'employment'] as const;
type ServiceWithDatabase = (typeof SERVICES_WITH_DATABASE)[number];

export interface RunningApp {
  app: AppName;
  process: AppProcess;
  url: string;
}

/**
 * Built apps (dist/) as child processes on the suite's broker, each service on a database of its
 * own made for this stack. Set TEST_APP_LOGS=1 to see their output.
 */
export class TestStack {
  /** Superuser URLs of the services' databases, for tests to look inside. */
  readonly databases: Record<ServiceWithDatabase, string>;
  /** What each service connects with: its own role, owning its database and reaching no other. */
  readonly serviceDatabases: Record<ServiceWithDatabase, string>;
  private databasesReady?: Promise<void>;
  private readonly running: RunningApp[] = [];
  private readonly recentOutput: string[] = [];
  /** When set, every line the apps print is also appended here. */
  logStream?: WriteStream;
  /** How long a started replica may take to answer /health (more on a loaded machine). */
  healthTimeoutMs = 60_000;

  /**
   * `env` goes to every app; `appEnv` to the replicas of one app (say, a DATABASE_URL through a proxy:
   * `databases` keeps the direct URL, for checks and for dropping).
   */
  constructor(
    private readonly env: Record<string, string> = {},
    readonly appEnv: Partial<Record<AppName, Record<string, string>>> = {},
  ) {
    this.databases = {
      people: testDatabaseUrl('people'),
      companies: testDatabaseUrl('companies'),
      employment: testDatabaseUrl('employment'),
    };
    this.serviceDatabases = {
      people: testServiceUrl(this.databases.people),
      companies: testServiceUrl(this.databases.companies),
      employment: testServiceUrl(this.databases.employment),
    };
  }

  /** Creates each service's role and database (once), as `npm run db:setup` does. */
  setUpDatabases(): Promise<void> {
    this.databasesReady ??= (async () => {
      for (const service of SERVICES_WITH_DATABASE) {
        await setUpServiceDatabase(testDatabaseServer(), this.serviceDatabases[service]);
      }
    })();
    return this.databasesReady;
  }

  /**
   * Starts the given number of replicas of each app, all at once, and waits for their /health. No
   * app needs another to start (a requester's start-up probe asks itself), and one after another
   * took a full stack 10 s against 7.5 s at once on this machine.
   */
  async start(replicas: Replicas): Promise<this> {
    const order: AppName[] = ['people', 'companies', 'employment', 'gateway'];
    const added: RunningApp[] = [];
    for (const app of order) {
      for (let i = 0; i < (replicas[app] ?? 0); i++) added.push(await this.add(app));
    }
    await Promise.all(added.map((r) => this.waitHealthy(r)));
    return this;
  }

  /** Starts one more replica of `app` without waiting for it. */
  async add(app: AppName, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
    if (app !== 'gateway') await this.setUpDatabases();
    const [port] = await freePorts(1, '127.0.0.1');
    const index = this.replicas(app).length + 1; // labels stay unique: stopped replicas are kept
    const process_ = new AppProcess({
      app,
      label: `${app}-${index}`,
      env: {
        // Gateways accept the local key's tokens (what `http` sends) and have no rate limit unless asked.
        ...(app === 'gateway' ? { ...localAuthEnv(), RATE_LIMIT: '0' } : {}),
        ...this.env,
        ...this.serviceEnv(app),
        ...this.appEnv[app],
        PORT: String(port),
        HOST: '127.0.0.1',
        ...extraEnv,
      },
      output: (line) => this.record(`[${app}-${index}] ${line}`),
    });
    process_.start();
    const running = { app, process: process_, url: `http://127.0.0.1:${port}` };
    this.running.push(running);
    return running;
  }

  replicas(app: AppName): RunningApp[] {
    return this.running.filter((r) => r.app === app);
  }

  /** The replicas of `app` whose process is still running. */
  live(app: AppName): RunningApp[] {
    return this.replicas(app).filter((r) => r.process.running);
  }

  /** The last lines the apps printed, for a failure's report. */
  get output(): readonly string[] {
    return this.recentOutput;
  }

  /** Base URLs of the running gateways. */
  get gatewayUrls(): string[] {
    return this.replicas('gateway')
      .filter((r) => r.process.running)
      .map((r) => r.url);
  }

  get gatewayUrl(): string {
    return this.gatewayUrls[0];
  }

  async waitHealthy(app: RunningApp): Promise<void> {
    try {
      await app.process.whileRunning(waitForHttpOk(`${app.url}/health`, this.healthTimeoutMs));
    } catch (error) {
      throw new Error(
        `${app.process.label} did not become healthy: ${(error as Error).message}\n${this.recentOutput.join('\n')}`,
      );
    }
  }

  /** Stops every app (graceful) and drops the stack's databases and roles. */
  async stop(): Promise<void> {
    await Promise.all(this.running.map((r) => r.process.stop()));
    for (const service of SERVICES_WITH_DATABASE) {
      await dropServiceDatabase(testDatabaseServer(), this.serviceDatabases[service]);
    }
  }

  private serviceEnv(app: AppName): Record<string, string> {
    const env: Record<string, string> = {
      KAFKA_BROKERS: this.env.KAFKA_BROKERS ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      LOG_LEVEL: 'warn',
    };
    if ((SERVICES_WITH_DATABASE as readonly string[]).includes(app)) {
      env.DATABASE_URL = this.serviceDatabases[app as ServiceWithDatabase];
    }
    return env;
  }

  private record(line: string): void {
    if (process.env.TEST_APP_LOGS) process.stdout.write(`${line}\n`);
    this.logStream?.write(`${line}\n`);
    this.recentOutput.push(line);
    if (this.recentOutput.length > 1000) this.recentOutput.shift();
  }
}
