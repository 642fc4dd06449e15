import { describe, expect, it } from '@jest/globals';
import { KafkaEnvSchema, loadConfig } from '#config';
import { kafkaClientConfig } from './kafka-client.factory.js';

describe(kafkaClientConfig.name, () => {
  it('passes SCRAM credentials and TLS to every kafkajs client', () => {
    const env = loadConfig(KafkaEnvSchema, {
      KAFKA_BROKERS: 'kafka-1:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'people',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaClientConfig(env, 'people')).toMatchObject({
      clientId: 'people',
      brokers: ['kafka-1:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'people', password: 's3cret' },
    });
  });

  it('is plaintext without SASL by default', () => {
    const config = kafkaClientConfig(loadConfig(KafkaEnvSchema, {}), 'gateway');
    expect(config.ssl).toBe(false);
    expect(config.sasl).toBeUndefined();
  });

  it('refuses a SASL mechanism without a username and password, naming both', () => {
    expect(() => loadConfig(KafkaEnvSchema, { KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toThrow(
      /KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM\n {2}KAFKA_SASL_PASSWORD/,
    );
  });
});
