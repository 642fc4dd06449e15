import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { KafkaEnv } from '#config';
import { noDelaySocketFactory } from './kafka-socket.js';
import { noIdleRequestQueueTimer } from './no-idle-request-queue-timer.js';
import { rejoinAsSameMember } from './rejoin-as-same-member.js';

const kafkaLogger = new Logger('kafkajs');

/** Retried by kafkajs on its own (new coordinator, rebalance): not worth an ERROR line. */
const EXPECTED_WHILE_STARTING =
  /coordinator is not available|coordinator is loading|group is rebalancing/i;

function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify({ broker: extra.broker, error: extra.error })}`;
    if (EXPECTED_WHILE_STARTING.test(line)) kafkaLogger.debug(line);
    else if (level === logLevel.ERROR) kafkaLogger.error(line);
    else if (level === logLevel.WARN) kafkaLogger.warn(line);
  };
}

function sasl(env: KafkaEnv): SASLOptions | undefined {
  if (!env.KAFKA_SASL_MECHANISM) return undefined;
  return {
    mechanism: env.KAFKA_SASL_MECHANISM,
    username: env.KAFKA_SASL_USERNAME ?? '',
    password: env.KAFKA_SASL_PASSWORD ?? '',
  } as SASLOptions;
}

/** kafkajs client settings shared by every client an app makes (Nest's server included). */
export function kafkaClientConfig(env: KafkaEnv, clientId: string): KafkaConfig {
  return {
    clientId: env.KAFKA_CLIENT_ID ?? clientId,
    brokers: env.KAFKA_BROKERS,
    ssl:
      env.KAFKA_SSL && env.KAFKA_SSL_CA_FILE
        ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE)] }
        : env.KAFKA_SSL,
    sasl: sasl(env),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator,
    socketFactory: noDelaySocketFactory,
  };
}

/**
 * Session, heartbeat and idle fetch wait of every consumer the apps make. A fetch long-polls and
 * returns as soon as a message arrives, so maxWaitTimeInMs only bounds idle polling: 10 ms made the
 * idle stack cost about 30 % of the machine (the broker 25 %), 250 ms about 10 %.
 */
export const CONSUMER_TIMINGS = {
  sessionTimeout: 10_000,
  heartbeatInterval: 1_000,
  maxWaitTimeInMs: 250,
} as const;

/**
 * The one kafkajs client of an app; its consumers rejoin their groups under their member id, and
 * its idle connections run no timer (noIdleRequestQueueTimer).
 */
export function createKafka(env: KafkaEnv, clientId: string): Kafka {
  rejoinAsSameMember();
  noIdleRequestQueueTimer();
  return new Kafka(kafkaClientConfig(env, clientId));
}
