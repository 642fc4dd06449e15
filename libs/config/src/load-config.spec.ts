import { describe, expect, it } from '@jest/globals';
import { KafkaEnvSchema, serviceEnvSchema } from './common-env.js';
import { ConfigError, loadConfig } from './load-config.js';

describe(loadConfig.name, () => {
  const schema = serviceEnvSchema('people', 3001);

  it('applies the defaults to an empty environment', () => {
    expect(loadConfig(schema, {})).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_SSL: false,
      REQUEST_TIMEOUT_MS: 3000,
      DATABASE_URL: 'postgres://people@127.0.0.1:5432/people',
      DATABASE_POOL_SIZE: 10,
      LOG_LEVEL: 'log',
      METRICS_ENABLED: true,
      PORT: 3001,
      HOST: '0.0.0.0',
      OFFSET_COMMIT_INTERVAL_MS: 100,
    });
  });

  it('coerces numbers and booleans and ignores unrelated variables', () => {
    const config = loadConfig(schema, {
      PORT: '0',
      REQUEST_TIMEOUT_MS: '250',
      DATABASE_POOL_SIZE: '3',
      KAFKA_SSL: 'true',
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
      HOME: '/root',
    });
    expect(config).toMatchObject({
      PORT: 0,
      REQUEST_TIMEOUT_MS: 250,
      DATABASE_POOL_SIZE: 3,
      KAFKA_SSL: true,
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
    });
    expect(config).not.toHaveProperty('HOME');
  });

  it('splits KAFKA_BROKERS on commas, trimming and dropping empty entries', () => {
    expect(
      loadConfig(KafkaEnvSchema, { KAFKA_BROKERS: ' kafka-1:9092, kafka-2:9093 ,' }).KAFKA_BROKERS,
    ).toEqual(['kafka-1:9092', 'kafka-2:9093']);
  });

  it('rejects a KAFKA_BROKERS without host:port entries', () => {
    for (const KAFKA_BROKERS of ['', ',', 'kafka', 'kafka:port', 'a:1,b']) {
      expect(() => loadConfig(KafkaEnvSchema, { KAFKA_BROKERS })).toThrow(ConfigError);
    }
  });

  it('throws a ConfigError naming every bad variable', () => {
    const bad = {
      KAFKA_BROKERS: 'no-port',
      KAFKA_SSL: 'yes',
      KAFKA_SASL_MECHANISM: 'kerberos',
      REQUEST_TIMEOUT_MS: '5',
      DATABASE_URL: 'mysql://db/people',
      DATABASE_POOL_SIZE: '0',
      LOG_LEVEL: 'loud',
      PORT: '70000',
    };
    let caught: unknown;
    try {
      loadConfig(schema, bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const { message, name } = caught as ConfigError;
    expect(name).toBe('ConfigError');
    expect(message).toMatch(/^Invalid configuration:/);
    for (const variable of Object.keys(bad)) {
      expect(message).toMatch(new RegExp(`^  ${variable}(\\.\\d+)?: `, 'm'));
    }
    expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
  });
});
