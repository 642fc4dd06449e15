import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '#devstack';

/**
 * docker-compose.yml checked without a Docker engine: Debian's docker-compose (1.29) validates the
 * file and prints it resolved (anchors merged, env normalised to a mapping), which is read here.
 */

const ROOT = repoRoot();
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const APPS = ['gateway', 'people', 'companies', 'employment'] as const;
const DATABASE_SERVICES = ['people', 'companies', 'employment'] as const;

/** Runs `docker-compose -f docker-compose.yml <args>`; fails with the install hint when it is missing. */
function compose(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'docker-compose',
      ['-f', COMPOSE_FILE, '--project-directory', ROOT, ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, COMPOSE_INTERACTIVE_NO_CLI: '1' } },
      (error, stdout, stderr) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
          reject(
            new Error(
              'docker-compose is not installed: run `apt-get install docker-compose` ' +
                "(Debian's 1.29.2; .ci/run installs it) to validate docker-compose.yml",
            ),
          );
        } else if (error) {
          reject(new Error(`docker-compose ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

interface ServiceView {
  /** The service's lines of the resolved config, for plain string checks. */
  block: string;
  image?: string;
  environment: Record<string, string>;
}

/**
 * Reads the services of `docker-compose config` output (PyYAML block style: services at 2 spaces,
 * their keys at 4, environment entries at 6). Enough for this file; not a general YAML parser.
 */
function parseServices(yaml: string): Map<string, ServiceView> {
  const services = new Map<string, ServiceView>();
  let inServices = false;
  let current: ServiceView | undefined;
  let inEnvironment = false;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) {
      inServices = line === 'services:';
      current = undefined;
      continue;
    }
    if (!inServices) continue;
    const service = /^ {2}([\w.-]+):$/.exec(line);
    if (service) {
      current = { block: '', environment: {} };
      services.set(service[1], current);
      inEnvironment = false;
      continue;
    }
    if (!current) continue;
    current.block += `${line}\n`;
    const key = /^ {4}([\w.-]+):(?: (.*))?$/.exec(line);
    if (key) {
      inEnvironment = key[1] === 'environment';
      if (key[1] === 'image' && key[2]) current.image = unquote(key[2]);
      continue;
    }
    const variable = inEnvironment && /^ {6}([A-Za-z_][A-Za-z0-9_]*): ?(.*)$/.exec(line);
    if (variable) current.environment[variable[1]] = unquote(variable[2]);
  }
  return services;
}

function unquote(value: string): string {
  const v = value.trim();
  if (/^'.*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
  if (/^".*"$/.test(v)) return JSON.parse(v) as string;
  return v;
}

describe('docker-compose.yml (validated by docker-compose 1.29, no Docker engine needed)', () => {
  it('is valid: `docker-compose config -q` succeeds and prints nothing', async () => {
    const { stdout } = await compose('config', '-q');
    expect(stdout).toBe('');
  });

  it('defines postgres, kafka and the four apps', async () => {
    const { stdout } = await compose('config', '--services');
    const names = stdout.split('\n').filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['postgres', 'kafka', ...APPS]));
  });

  it('wires each app to Kafka, each service to its own database, and publishes only the gateway', async () => {
    const services = parseServices((await compose('config')).stdout);
    for (const name of ['postgres', 'kafka', ...APPS]) {
      expect(services.has(name)).toBe(true);
    }

    // PostgreSQL 16 and apache/kafka 4.1+ in KRaft mode without topic auto-creation.
    expect(services.get('postgres')!.image).toMatch(/^postgres:16([.-]|$)/);
    const kafka = services.get('kafka')!;
    const [, major, minor] = /^apache\/kafka:(\d+)\.(\d+)/.exec(kafka.image ?? '') ?? [];
    expect(Number(major) * 100 + Number(minor)).toBeGreaterThanOrEqual(401);
    expect(kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(kafka.environment.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(kafka.environment.KAFKA_ADVERTISED_LISTENERS).toContain('//kafka:9092');

    for (const app of APPS) {
      const { block, environment } = services.get(app)!;
      expect(block).toMatch(/^ {4}build:$/m);
      expect(block).toMatch(/^ {4}healthcheck:$/m);
      expect(block).toMatch(/^ {4}depends_on:$/m);
      expect(block).not.toMatch(/condition: service_(started|completed_successfully)/);
      expect(block).toContain('condition: service_healthy');
      expect(environment.KAFKA_BROKERS).toBe('kafka:9092');
      expect(block.includes('published:')).toBe(app === 'gateway');
    }
    expect(services.get('gateway')!.environment.HOST).toBe('0.0.0.0');
    expect(services.get('gateway')!.block).toMatch(
      /published: ['"]?3000['"]?\n\s+target: ['"]?3000/,
    );
    expect(services.get('gateway')!.environment.DATABASE_URL).toBeUndefined();

    const databases = DATABASE_SERVICES.map((app) => {
      const raw = services.get(app)!.environment.DATABASE_URL;
      expect(raw).toBeDefined();
      const url = new URL(raw);
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('postgres');
      return url.pathname.slice(1);
    });
    expect(databases).toEqual([...DATABASE_SERVICES]);
    expect(new Set(databases).size).toBe(DATABASE_SERVICES.length);
  });
});
