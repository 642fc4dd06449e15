import { resolve } from 'node:path';
import { brokerPorts } from './free-port.js';
import { HOST, KafkaBrokerProcess } from './kafka-broker-process.js';
import type { KafkaBroker, KafkaBrokerOptions } from './kafka-broker.types.js';
import { checkLibs, clusterId, newRunDir } from './kafka-storage.js';

export type { KafkaBroker, KafkaBrokerOptions } from './kafka-broker.types.js';

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
    quickJit: options.quickJit ?? false,
    startTimeoutMs: options.startTimeoutMs ?? 60_000,
    log: options.log ?? (() => {}),
    scramUsers: options.scramUsers ?? {},
    scramPort: options.scramUsers ? scramPort : 0,
    proxiedClientPort: options.proxiedClientPort ?? 0,
    proxiedPort: options.proxiedClientPort ? proxiedPort : 0,
    member,
  });
}
