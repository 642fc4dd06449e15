import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePorts } from './free-port.js';
import { startKafkaBroker, type KafkaBroker } from './kafka-broker.js';
import { clusterId, newRunDir } from './kafka-storage.js';

/** A node's place in a cluster: its id, every voter, the shared cluster id, replicas per topic. */
export interface ClusterMember {
  nodeId: number;
  quorumVoters: string;
  clusterId: string;
  replicas: number;
}

/** Options of startKafkaCluster(); every one has a default. */
export interface KafkaClusterOptions {
  /** Nodes, each a broker and a controller voter; default 3. */
  nodes?: number;
  /** JVM heap of each node in MiB; default 384 (three fit a 2-core, few-GiB machine). */
  heapMb?: number;
  /** PLAINTEXT port of node 1; the others take the next ones. Default: free ports. */
  firstPort?: number;
  /** Folder holding node-1/, node-2/, ...; default: a fresh folder under <repo>/.cache/kafka/runs/. */
  dataDir?: string;
  /** How long start() (of all, or of one node) may take; default 180000 (a loaded machine). */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * A running KRaft cluster: `nodes` (node i has id i + 1); as a KafkaBroker, stop() and start()
 * act on every node and bootstrapServers lists them all.
 */
export interface KafkaCluster extends KafkaBroker {
  readonly nodes: readonly KafkaBroker[];
  /** The node with this id. */
  node(nodeId: number): KafkaBroker;
}

/**
 * Starts `nodes` combined broker+controller nodes from the same jars: one cluster id, a static quorum
 * of every node, topics (internal ones too) at min(3, nodes) replicas with min.insync.replicas=2 from
 * 3 replicas on. Resolves once every node answers an admin call; on failure stops what it started.
 */
export async function startKafkaCluster(options: KafkaClusterOptions = {}): Promise<KafkaCluster> {
  const count = options.nodes ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > 9)
    throw new Error(`a Kafka cluster has 1 to 9 nodes, not ${count}`);
  const free = await freePorts(2 * count, '127.0.0.1');
  const ports = Array.from({ length: count }, (_, i) =>
    options.firstPort ? options.firstPort + i : free[i],
  );
  const controllerPorts = free.slice(count);
  const quorumVoters = controllerPorts.map((p, i) => `${i + 1}@127.0.0.1:${p}`).join(',');
  const dataDir = resolve(options.dataDir ?? newRunDir());
  const id = clusterId();
  const started = await Promise.allSettled(
    ports.map((port, i) =>
      startKafkaBroker({
        port,
        controllerPort: controllerPorts[i],
        dataDir: join(dataDir, `node-${i + 1}`),
        heapMb: options.heapMb ?? 384,
        startTimeoutMs: options.startTimeoutMs ?? 180_000,
        log: options.log,
        member: { nodeId: i + 1, quorumVoters, clusterId: id, replicas: Math.min(3, count) },
      }),
    ),
  );
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((n) => n.stop()));
    await rm(dataDir, { recursive: true, force: true });
    throw (failed as PromiseRejectedResult).reason;
  }
  return new NodesAsOne(nodes, dataDir);
}

class NodesAsOne implements KafkaCluster {
  readonly nodeId = 0;
  readonly bootstrapServers: string;

  constructor(
    readonly nodes: readonly KafkaBroker[],
    readonly dataDir: string,
  ) {
    this.bootstrapServers = nodes.map((n) => n.bootstrapServers).join(',');
  }

  node(nodeId: number): KafkaBroker {
    const node = this.nodes.find((n) => n.nodeId === nodeId);
    if (!node) throw new Error(`no node ${nodeId} in this cluster`);
    return node;
  }

  /** Every node together: a lone node waits for a quorum that would never come. */
  async start(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }

  async kill(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.kill()));
  }
}
