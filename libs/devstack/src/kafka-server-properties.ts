/** What the server.properties of a single-node test broker depends on. */
export interface KafkaServerPropertiesInput {
  host: string;
  port: number;
  controllerPort: number;
  logDir: string;
}

/**
 * server.properties of one combined broker+controller KRaft node with a static quorum (so the
 * storage is formatted without --standalone, and the ports may change between runs), with internal
 * topics of 1 partition / replication factor 1 and settings that keep start-up and memory small.
 */
export function kafkaServerProperties({
  host,
  port,
  controllerPort,
  logDir,
}: KafkaServerPropertiesInput): string {
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${controllerPort}`,
    listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,

    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'share.coordinator.state.topic.num.partitions': 1,

    'group.initial.rebalance.delay.ms': 0,
    'log.cleaner.dedupe.buffer.size': 2097152,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
  };
  const lines = Object.entries(props).map(([key, value]) => `${key}=${escapeValue(String(value))}`);
  return `# Written by libs/devstack (single-node KRaft test broker)\n${lines.join('\n')}\n`;
}

/** Java .properties escaping of a value: backslashes (Windows paths) and leading spaces. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\ ');
}
