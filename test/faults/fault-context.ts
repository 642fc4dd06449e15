import type { Admin, Producer } from 'kafkajs';
import type { KafkaBroker, KafkaCluster } from '#devstack';
import type { TcpFaultProxy, TestStack } from '#testing';
import type { FaultProfile } from './fault-profile.js';
import type { FaultRecorder } from './fault-recorder.js';
import type { ScenarioResult } from './scenario-result.js';

/** What every scenario gets: the running system, the tools to break it and to watch it. */
export interface FaultContext {
  profile: FaultProfile;
  /** The broker, or every node of the cluster at once. */
  broker: KafkaBroker;
  /** Set when the run has several brokers (`--brokers 3`). */
  cluster?: KafkaCluster;
  stack: TestStack;
  /** Sits between the employment service and its database. */
  employmentDbProxy: TcpFaultProxy;
  /** Sits between every app and the broker (a single broker only: unset with `--brokers 3`). */
  brokerProxy?: TcpFaultProxy;
  recorder: FaultRecorder;
  producer: Producer;
  admin: Admin;
  /** A short tag unique to this run, for naming requests and rows. */
  run: string;
  log(line: string): void;
}

/** One fault scenario: injects its fault under load and checks every invariant afterwards. */
export interface FaultScenario {
  name: string;
  /** Needs three brokers (`--brokers 3`). */
  cluster?: boolean;
  /** Runs only with `--profile soak` (and is that profile's only default scenario). */
  soak?: boolean;
  run(ctx: FaultContext): Promise<ScenarioResult>;
}
