import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { brokerPorts } from './free-port.js';
import { prepareKafkaBroker, type KafkaBroker } from './kafka-broker.js';
import { clusterId, newRunDir } from './kafka-storage.js';

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
  const dataDir = resolve(options.dataDir ?? newRunDir());
  const id = clusterId();
  for (let attempt = 1; ; attempt++) {
    const free = await brokerPorts(2 * count, '127.0.0.1');
    const ports = free
      .slice(0, count)
      .map((p, i) => (options.firstPort ? options.firstPort + i : p));
    const quorumVoters = free
      .slice(count)
      .map((p, i) => `${i + 1}@127.0.0.1:${p}`)
      .join(',');
    const nodes = await Promise.all(
      ports.map((port, i) =>
        prepareKafkaBroker({
          port,
          controllerPort: free[count + i],
          dataDir: join(dataDir, `node-${i + 1}`),
          heapMb: options.heapMb ?? 384,
          startTimeoutMs: options.startTimeoutMs ?? 180_000,
          log: options.log,
          member: { nodeId: i + 1, quorumVoters, clusterId: id, replicas: Math.min(3, count) },
        }),
      ),
    );
    const stopAll = () => Promise.all(nodes.map((n) => n.stop()));
    try {
      // One node failing stops the others at once: they would wait for a quorum until their deadline.
      await Promise.all(
        nodes.map((n) => n.start().catch((e) => stopAll().then(() => Promise.reject(e)))),
      );
      return new NodesAsOne(nodes, dataDir);
    } catch (error) {
      await stopAll();
      await rm(dataDir, { recursive: true, force: true });
      // A port chosen free was taken before a slow start bound it: try again on other ports.
      const portTaken = /Address already in use/.test((error as Error).message);
      if (!portTaken || options.firstPort || attempt === 3) throw error;
      options.log?.(`kafka: a port was taken meanwhile; starting the cluster again on other ports`);
    }
  }
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
