import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { KAFKA_ACLS, allTopics, type GroupAcl } from '#contracts';
import type { AppRoutes } from '#messaging';
import { COMPANIES_ROUTES } from '../../apps/companies/src/companies.routes.js';
import { EMPLOYMENT_ROUTES } from '../../apps/employment/src/employment.routes.js';
import { PEOPLE_ROUTES } from '../../apps/people/src/people.routes.js';
import { generatedFiles } from '../../scripts/deploy/kafka-manifests.js';
import {
  KAFKA_BOOTSTRAP_FQDN,
  REPLY_TOPIC_NAMES,
  SCALED_GROUPS,
} from '../../scripts/deploy/deploy-settings.js';
import { ROOT, baseFiles, ofKind, one } from './manifests.js';

/**
 * deploy/ checked against the code: the generated files are what the generator writes now, topics and
 * partitions are the contracts', each Kafka user's ACLs are acls.ts', KEDA never scales past a topic's
 * partitions, Kafka keeps three replicas with two in sync.
 */
const base = Object.values(baseFiles()).flat();
const APPS = ['gateway', 'people', 'companies', 'employment'] as const;
const partitionsOf = new Map(allTopics().map((t) => [t.topic, t.numPartitions]));

describe('deploy/ generated from libs/contracts', () => {
  it.each(Object.keys(generatedFiles(stringify)))(
    '%s is what `npm run deploy:generate` writes',
    (path) => {
      expect(readFileSync(join(ROOT, path), 'utf8')).toBe(generatedFiles(stringify)[path]);
    },
  );

  it('has one KafkaTopic per contract topic, with its partitions, 3 replicas and min.insync.replicas 2', () => {
    const topics = ofKind(base, 'KafkaTopic').map((t) => ({
      topic: t.spec.topicName,
      numPartitions: t.spec.partitions,
    }));
    expect(topics).toEqual(allTopics());
    for (const topic of ofKind(base, 'KafkaTopic')) {
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe('pce-kafka');
      expect(topic.spec.replicas).toBe(3);
      expect(topic.spec.config).toEqual({ 'min.insync.replicas': '2' });
    }
  });

  it.each(APPS)("gives %s's KafkaUser exactly the ACLs of acls.ts", (app) => {
    const user = one(base, 'KafkaUser', app);
    const acls = user.spec.authorization.acls as Array<{
      resource: { type: string; name: string; patternType: string };
      operations: string[];
      host: string;
    }>;
    const topics = (operation: string) =>
      acls
        .filter((a) => a.resource.type === 'topic' && a.operations.includes(operation))
        .map((a) => a.resource.name)
        .sort();
    const groups = acls
      .filter((a) => a.resource.type === 'group')
      .map((a): GroupAcl => {
        expect(a.operations).toEqual(['Read']);
        return a.resource.patternType === 'prefix'
          ? { prefix: a.resource.name }
          : { name: a.resource.name };
      });
    const expected = KAFKA_ACLS[app];
    expect(user.spec.authentication).toEqual({ type: 'scram-sha-512' });
    expect(topics('Read')).toEqual([...expected.reads].sort());
    expect(topics('Write')).toEqual([...expected.writes].sort());
    expect(topics('Describe')).toEqual(
      [...new Set([...expected.reads, ...expected.writes])].sort(),
    );
    expect(groups).toEqual(expected.groups);
    expect(acls.every((a) => a.host === '*' && a.resource.type !== 'cluster')).toBe(true);
  });

  it("scales each service on its own consumer groups, which are acls.ts' groups, over the topics it reads", () => {
    for (const [app, scaled] of Object.entries(SCALED_GROUPS)) {
      const acl = KAFKA_ACLS[app as keyof typeof SCALED_GROUPS];
      const named = acl.groups.flatMap((g: GroupAcl) => ('name' in g ? [g.name] : []));
      expect(scaled.map((g) => g.group).sort()).toEqual([...named].sort());
      const readTopics = acl.reads.filter((t) => !REPLY_TOPIC_NAMES.includes(t));
      expect(scaled.flatMap((g) => g.topics).sort()).toEqual([...readTopics].sort());
    }
  });

  it('scales each service on exactly the groups and topics of its route table (what its code consumes)', () => {
    const ROUTES: Record<keyof typeof SCALED_GROUPS, AppRoutes> = {
      people: PEOPLE_ROUTES,
      companies: COMPANIES_ROUTES,
      employment: EMPLOYMENT_ROUTES,
    };
    for (const [app, routes] of Object.entries(ROUTES)) {
      const consumed = [
        ...(routes.requests ? [routes.requests] : []),
        ...(routes.events ?? []),
      ].map((r) => ({ group: r.group, topics: [...r.topics] }));
      const scaled = SCALED_GROUPS[app as keyof typeof SCALED_GROUPS];
      expect(scaled.map((g) => ({ group: g.group, topics: [...g.topics] }))).toEqual(consumed);
    }
  });

  it('KEDA: one lag trigger per (group, topic), never more replicas than partitions, no HPA of its own', () => {
    for (const [app, groups] of Object.entries(SCALED_GROUPS)) {
      const scaled = one(base, 'ScaledObject', app);
      expect(scaled.spec.scaleTargetRef).toEqual({ name: app });
      one(base, 'Deployment', app);
      const triggers = scaled.spec.triggers.map((t: any) => [
        t.metadata.consumerGroup,
        t.metadata.topic,
      ]);
      expect(triggers).toEqual(groups.flatMap((g) => g.topics.map((topic) => [g.group, topic])));
      for (const trigger of scaled.spec.triggers) {
        expect(trigger.type).toBe('kafka');
        expect(trigger.metadata.bootstrapServers).toBe(KAFKA_BOOTSTRAP_FQDN);
        expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(
          partitionsOf.get(trigger.metadata.topic)!,
        );
        one(base, 'TriggerAuthentication', trigger.authenticationRef.name);
      }
      expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    }
    const gateway = one(base, 'ScaledObject', 'gateway');
    expect(gateway.spec.maxReplicaCount).toBeLessThanOrEqual(partitionsOf.get('gateway.replies')!);
    expect(ofKind(base, 'HorizontalPodAutoscaler')).toEqual([]);
    for (const deployment of ofKind(base, 'Deployment'))
      expect(deployment.spec.replicas).toBeUndefined();
  });

  it('lets the lag reader describe every scaled topic and group, and nothing more', () => {
    const reader = one(base, 'KafkaUser', 'keda-lag-reader');
    const scaled = Object.values(SCALED_GROUPS).flat();
    const described = reader.spec.authorization.acls.map((a: any) => {
      expect(a.operations).toEqual(['Describe']);
      return `${a.resource.type}:${a.resource.name}`;
    });
    expect(described.sort()).toEqual(
      [
        ...[...new Set(scaled.flatMap((g) => g.topics))].map((t) => `topic:${t}`),
        ...scaled.map((g) => `group:${g.group}`),
      ].sort(),
    );
  });

  it('runs Kafka in KRaft on three dual-role nodes, replication 3, min in-sync 2, the tested version', () => {
    const [pool] = ofKind(base, 'KafkaNodePool');
    expect(pool.spec.replicas).toBe(3);
    expect(pool.spec.roles.sort()).toEqual(['broker', 'controller']);
    const kafka = one(base, 'Kafka', 'pce-kafka');
    expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe('pce-kafka');
    expect(kafka.spec.kafka.config).toMatchObject({
      'auto.create.topics.enable': false,
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
      'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3,
      'transaction.state.log.min.isr': 2,
    });
    expect(kafka.spec.kafka.authorization).toEqual({ type: 'simple' });
    const pom = readFileSync(join(ROOT, 'infra/kafka/pom.xml'), 'utf8');
    expect(kafka.spec.kafka.version).toBe(/<kafka\.version>([^<]+)</.exec(pom)?.[1]);
  });
});
