import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { repoRoot } from './repo-root.js';

const { Kafka, logLevel } = kafkajs;

/** <repo>/.cache/kafka/libs: the broker's jars, filled by `npm run kafka:fetch`. */
export function kafkaLibsDir(): string {
  return join(repoRoot(), '.cache', 'kafka', 'libs');
}

/** Throws unless the jars fetched for the current infra/kafka/pom.xml are in kafkaLibsDir(). */
export function checkLibs(): string {
  const libsDir = kafkaLibsDir();
  const fetch = 'run `npm run kafka:fetch` first';
  const jars = existsSync(libsDir) ? readdirSync(libsDir).filter((f) => f.endsWith('.jar')) : [];
  if (!jars.some((jar) => jar.startsWith('kafka_2.13-'))) {
    throw new Error(`The Kafka broker jars are missing from ${libsDir}: ${fetch}`);
  }
  const pom = readFileSync(join(repoRoot(), 'infra', 'kafka', 'pom.xml'));
  const marker = join(libsDir, '.pom-sha256');
  const fetchedFor = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '';
  if (fetchedFor !== createHash('sha256').update(pom).digest('hex')) {
    throw new Error(
      `The Kafka jars in ${libsDir} were fetched for another infra/kafka/pom.xml: ${fetch}`,
    );
  }
  return libsDir;
}

/** A KRaft cluster id as `kafka-storage random-uuid` makes one: 16 random bytes, base64url, no leading '-'. */
export function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** <repo>/.cache/kafka/runs/<timestamp>-<random>: a data dir nobody used before. */
export function newRunDir(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(repoRoot(), '.cache', 'kafka', 'runs', `${stamp}-${randomBytes(3).toString('hex')}`);
}

/** True when an admin client at `bootstrapServers` lists the topics within a few seconds. */
export async function answersAdmin(bootstrapServers: string): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'devstack-readiness',
    brokers: [bootstrapServers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
