import type { ClusterMember } from './kafka-server-properties.js';

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
  /**
   * Runs the JVM with its C1 compiler only (QUICK_JIT): less CPU to start and while idle, slower
   * code under sustained load. For the test suite's brokers; default false.
   */
  quickJit?: boolean;
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

/** What a broker process is started with: every option resolved. */
export type BrokerSettings = Required<Omit<KafkaBrokerOptions, 'dataDir' | 'member'>> & {
  member: ClusterMember;
  dataDir: string;
  libsDir: string;
  /** 0: no SCRAM listener. */
  scramPort: number;
  /** 0: no proxied listener. */
  proxiedPort: number;
};
