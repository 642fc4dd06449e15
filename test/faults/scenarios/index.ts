import type { FaultScenario } from '../fault-context.js';
import { backlogScenario } from './backlog.scenario.js';
import { brokerOutageScenario } from './broker-outage.scenario.js';
import { databaseOutageScenario } from './database-outage.scenario.js';
import { gracefulShutdownScenario } from './graceful-shutdown.scenario.js';
import { hostileHttpScenario } from './hostile-http.scenario.js';
import { killReplicasScenario } from './kill-replicas.scenario.js';
import { leaderKillScenario } from './leader-kill.scenario.js';
import { poisonScenario } from './poison.scenario.js';
import { replayScenario } from './replay.scenario.js';
import { rollingRestartScenario } from './rolling-restart.scenario.js';
import { scaleScenario } from './scale.scenario.js';
import { slowNetworkScenario } from './slow-network.scenario.js';
import { soakScenario } from './soak.scenario.js';
import { twoDownScenario } from './two-down.scenario.js';

/**
 * In the order they run: the hostile run first, on a quiet system (it counts rows); the broker outage
 * late and the backlog last, since what they leave stuck would hold up every later scenario. The
 * cluster scenarios (three brokers, `--brokers 3`) come before those two.
 */
export const SCENARIOS: Record<string, FaultScenario> = {
  hostile: hostileHttpScenario,
  poison: poisonScenario,
  kill: killReplicasScenario,
  scale: scaleScenario,
  graceful: gracefulShutdownScenario,
  replay: replayScenario,
  database: databaseOutageScenario,
  network: slowNetworkScenario,
  'leader-kill': leaderKillScenario,
  rolling: rollingRestartScenario,
  'two-down': twoDownScenario,
  broker: brokerOutageScenario,
  backlog: backlogScenario,
  soak: soakScenario,
};
