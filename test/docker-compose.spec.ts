import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadGatewayConfig } from '../apps/gateway/src/config/gateway.config.js';
import { repoRoot } from '#devstack';
import { CONFIG_LOADERS, loadAppEnvironment } from './app-environments.js';

/**
 * docker-compose.yml checked without Docker: against the Compose Specification's JSON schema
 * (infra/compose/compose-spec.json) with Ajv, then for what this system needs from it.
 */

const ROOT = repoRoot();
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  ports?: string[];
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** The YAML source as data, with `<<` merge keys resolved as Compose resolves them. */
const source = read('docker-compose.yml');
const compose = parse(source, { merge: true }) as ComposeFile;
const services = compose.services;

const APPS = Object.keys(CONFIG_LOADERS) as Array<keyof typeof CONFIG_LOADERS>;
const DATABASE_SERVICES = ['people', 'companies', 'employment'] as const;

const environmentOf = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, String(v)]),
  );

describe('docker-compose.yml', () => {
  // The schema names its meta-schema by an https URL Ajv does not bundle; it needs no check itself.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const validate = ajv.compile(JSON.parse(read('infra/compose/compose-spec.json')));

  it('is valid against the Compose Specification schema', () => {
    const valid = validate(compose);
    expect(ajv.errorsText(validate.errors, { separator: '\n' })).toBe('No errors');
    expect(valid).toBe(true);
  });

  it('would be refused by that schema with a misspelt key or a wrongly typed value', () => {
    const misspelt = { services: { gateway: { ...services.gateway, healtcheck: {} } } };
    const wrongType = { services: { gateway: { ...services.gateway, ports: 3000 } } };
    expect(validate(misspelt)).toBe(false);
    expect(validate(wrongType)).toBe(false);
  });

  it('defines exactly postgres, kafka and the four apps, and declares every named volume', () => {
    expect(Object.keys(services).sort()).toEqual(['postgres', 'kafka', ...APPS].sort());
    const named = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0]);
    for (const volume of named) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  it('runs the broker the tests run (infra/kafka/pom.xml) and PostgreSQL 16, Kafka in KRaft mode', () => {
    const pomVersion = /<kafka\.version>([^<]+)</.exec(read('infra/kafka/pom.xml'))?.[1];
    expect(services.kafka.image).toBe(`apache/kafka:${pomVersion}`);
    expect(services.postgres.image).toMatch(/^postgres:16([.-]|$)/);
    const kafka = environmentOf('kafka');
    expect(kafka.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(kafka.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://kafka:9092');
  });

  it.each(APPS)('gives %s an environment its own configuration accepts, nothing unknown', (app) => {
    const environment = environmentOf(app);
    const { config, unknown } = loadAppEnvironment(app, environment);
    expect(unknown).toEqual([]);
    expect(environment.APP).toBe(app);
    expect(services[app].build?.args?.APP).toBe(app);
    expect(config.KAFKA_BROKERS).toEqual(['kafka:9092']);
  });

  it('points each service at a database of its own on the postgres service', () => {
    const databases = DATABASE_SERVICES.map((app) => {
      const url = new URL(environmentOf(app).DATABASE_URL);
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('postgres');
      return url.pathname.slice(1);
    });
    expect(databases).toEqual([...DATABASE_SERVICES]);
    expect(environmentOf('gateway').DATABASE_URL).toBeUndefined();
  });

  it('health-checks every app on its own PORT, and starts each only after what it needs is healthy', () => {
    for (const app of APPS) {
      const { healthcheck, depends_on: dependsOn = {} } = services[app];
      expect(healthcheck?.test.join(' ')).toContain("process.env.PORT+'/health'");
      expect(environmentOf(app).PORT).toMatch(/^\d+$/);
      expect(Object.keys(dependsOn)).toEqual(
        expect.arrayContaining(
          app === 'gateway' ? [...DATABASE_SERVICES, 'kafka'] : ['postgres', 'kafka'],
        ),
      );
      for (const [dependency, { condition }] of Object.entries(dependsOn)) {
        expect(condition).toBe('service_healthy');
        expect(services[dependency].healthcheck).toBeDefined();
      }
    }
  });

  it('publishes only the gateway, on the port it listens on, on all interfaces', () => {
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.ports ?? []]).toEqual([name, name === 'gateway' ? ['3000:3000'] : []]);
    }
    const gateway = loadGatewayConfig(environmentOf('gateway'));
    expect(gateway.PORT).toBe(3000);
    expect(gateway.HOST).toBe('0.0.0.0');
  });
});
