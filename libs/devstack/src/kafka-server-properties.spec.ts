import { describe, expect, it } from '@jest/globals';
import { kafkaServerProperties } from './kafka-server-properties.js';

const parse = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
const base = { host: '127.0.0.1', port: 9092, controllerPort: 9093, logDir: '/tmp/k' };

describe('kafkaServerProperties', () => {
  it('makes a single node its own voter with one replica of everything', () => {
    const p = parse(kafkaServerProperties(base));
    expect(p).toMatchObject({
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:9093',
      'default.replication.factor': '1',
      'min.insync.replicas': '1',
      'offsets.topic.replication.factor': '1',
    });
  });

  it('makes a cluster node one voter of all, with 3 replicas and 2 in sync for a write', () => {
    const voters = '1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097';
    const p = parse(
      kafkaServerProperties({ ...base, nodeId: 2, quorumVoters: voters, replicas: 3 }),
    );
    expect(p).toMatchObject({
      'node.id': '2',
      'controller.quorum.voters': voters,
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
      'share.coordinator.state.topic.replication.factor': '3',
      'share.coordinator.state.topic.min.isr': '2',
      'broker.session.timeout.ms': '6000',
      'broker.heartbeat.interval.ms': '1000',
    });
  });

  it('adds a listener that sends its clients to a proxy, beside the SCRAM one', () => {
    const p = parse(
      kafkaServerProperties({
        ...base,
        scramPort: 9094,
        proxied: { port: 9095, advertisedPort: 9096 },
      }),
    );
    expect(p).toMatchObject({
      listeners:
        'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,SASL_PLAINTEXT://127.0.0.1:9094,PROXIED://127.0.0.1:9095',
      'advertised.listeners':
        'PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094,PROXIED://127.0.0.1:9096',
      'listener.security.protocol.map':
        'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,PROXIED:PLAINTEXT',
    });
  });
});
