/** A node's place in a cluster: its id, every voter, the shared cluster id, replicas per topic. */
export interface ClusterMember {
  nodeId: number;
  quorumVoters: string;
  clusterId: string;
  replicas: number;
}

/** What the server.properties of a test broker depends on. */
export interface KafkaServerPropertiesInput {
  host: string;
  port: number;
  controllerPort: number;
  logDir: string;
  /** This node's id; default 1. */
  nodeId?: number;
  /** `controller.quorum.voters` of a cluster (`1@host:port,2@host:port,...`); default: this node alone. */
  quorumVoters?: string;
  /** Replicas of every topic, internal ones included; min.insync.replicas is 2 from 3 replicas on. Default 1. */
  replicas?: number;
  /** Adds a SASL_PLAINTEXT (SCRAM-SHA-256) listener on this port whose clients are held to their ACLs. */
  scramPort?: number;
  /**
   * Adds a PLAINTEXT listener on `port` that advertises `advertisedPort`, where a test's TCP proxy
   * listens and forwards to `port`: clients bootstrapped there stay behind the proxy.
   */
  proxied?: { port: number; advertisedPort: number };
}

/**
 * The SCRAM listener and the authorizer: clients of the SCRAM listener get what ACLs grant them and
 * nothing else; the PLAINTEXT and controller listeners (ANONYMOUS) stay super users for set-up.
 */
function scramListener(host: string, port: number): Record<string, string> {
  return {
    'sasl.enabled.mechanisms': 'SCRAM-SHA-256',
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config':
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': 'User:ANONYMOUS',
    'allow.everyone.if.no.acl.found': 'false',
    listeners: `,SASL_PLAINTEXT://${host}:${port}`,
    'advertised.listeners': `,SASL_PLAINTEXT://${host}:${port}`,
    'listener.security.protocol.map': ',SASL_PLAINTEXT:SASL_PLAINTEXT',
  };
}

/** A second PLAINTEXT listener whose clients are told to connect through a proxy's port. */
function proxiedListener(
  host: string,
  { port, advertisedPort }: { port: number; advertisedPort: number },
): Record<string, string> {
  return {
    listeners: `,PROXIED://${host}:${port}`,
    'advertised.listeners': `,PROXIED://${host}:${advertisedPort}`,
    'listener.security.protocol.map': ',PROXIED:PLAINTEXT',
  };
}

/**
 * server.properties of one combined broker+controller KRaft node with a static quorum (so the
 * storage is formatted without --standalone, and the ports may change between runs): a single node,
 * or one voter of a cluster. Internal topics have 1 partition and `replicas` replicas; settings keep
 * start-up and memory small.
 */
export function kafkaServerProperties({
  host,
  port,
  controllerPort,
  logDir,
  nodeId = 1,
  quorumVoters = `${nodeId}@${host}:${controllerPort}`,
  replicas = 1,
  scramPort,
  proxied,
}: KafkaServerPropertiesInput): string {
  const minIsr = replicas >= 3 ? 2 : 1;
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': nodeId,
    'controller.quorum.voters': quorumVoters,
    listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,

    'num.partitions': 1,
    'default.replication.factor': replicas,
    'min.insync.replicas': minIsr,
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': replicas,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': replicas,
    'share.coordinator.state.topic.min.isr': minIsr,
    'share.coordinator.state.topic.num.partitions': 1,

    // A node killed (kill -9) is fenced, and its partitions led by another replica, after 6 s
    // without a heartbeat instead of 9 s; one heartbeat a second keeps a loaded node well inside.
    'broker.session.timeout.ms': 6000,
    'broker.heartbeat.interval.ms': 1000,

    'group.initial.rebalance.delay.ms': 0,
    'log.cleaner.dedupe.buffer.size': 2097152,
    'num.network.threads': 2,
    'num.io.threads': 2,
    // After a kill -9 every log is recovered on start (169 of them here: 12-23 s on one thread
    // on a loaded 2-core machine).
    'num.recovery.threads.per.data.dir': 2,
  };
  const extraListeners = [
    scramPort === undefined ? {} : scramListener(host, scramPort),
    proxied ? proxiedListener(host, proxied) : {},
  ];
  for (const listener of extraListeners) {
    for (const [key, value] of Object.entries(listener)) {
      props[key] = value.startsWith(',') ? `${props[key]}${value}` : value;
    }
  }
  const lines = Object.entries(props).map(([key, value]) => `${key}=${escapeValue(String(value))}`);
  return `# Written by libs/devstack (KRaft test broker, node ${nodeId})\n${lines.join('\n')}\n`;
}

/** Java .properties escaping of a value: backslashes (Windows paths) and leading spaces. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\ ');
}
