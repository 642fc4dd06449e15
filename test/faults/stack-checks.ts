import { AssignerProtocol, type Admin } from 'kafkajs';
import { queryDatabase, type TestStack } from '#testing';
import type { AppName } from '#devstack';
import { pollUntil } from './poll-until.js';
import type { ScenarioResult } from './scenario-result.js';

const SERVICES = ['people', 'companies', 'employment'] as const;

/** Outbox rows not yet published, over every service. */
export async function unpublishedOutboxRows(stack: TestStack): Promise<number> {
  let n = 0;
  for (const s of SERVICES) {
    const [row] = await queryDatabase<{ n: number }>(
      stack.databases[s],
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    n += row.n;
  }
  return n;
}

/** Waits until every outbox row of every service is published; counts the ones left as lost events. */
export async function checkOutboxesDrained(
  stack: TestStack,
  result: ScenarioResult,
  timeoutMs = 60_000,
): Promise<void> {
  const pending = () => unpublishedOutboxRows(stack);
  if ((await pollUntil(async () => (await pending()) === 0, timeoutMs, 500)) === null) {
    const left = await pending();
    result.lost += left;
    result.violations.push(`${left} outbox rows still unpublished after ${timeoutMs / 1000} s`);
  }
}

/** Starts replicas of each app until `count` run, and waits for them. */
export async function restoreReplicas(
  stack: TestStack,
  count = 2,
  apps: AppName[] = ['people', 'companies', 'employment', 'gateway'],
): Promise<void> {
  for (const app of apps) {
    const missing = Math.max(0, count - stack.live(app).length);
    const added = await Promise.all(Array.from({ length: missing }, () => stack.add(app)));
    await Promise.all(added.map((r) => stack.waitHealthy(r)));
  }
}

/**
 * Checks a consumer group after a rebalance: every partition of its topics owned by a member, and no
 * member without partitions while there are enough to go round. Returns the problems found.
 */
export async function groupProblems(
  admin: Admin,
  groupId: string,
  expectedMembers: number,
): Promise<string[]> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  if (group.state !== 'Stable') return [`${groupId}: ${group.state}`];
  if (group.members.length !== expectedMembers)
    return [`${groupId}: ${group.members.length} members, expected ${expectedMembers}`];
  const owned = new Map<string, number>();
  const problems: string[] = [];
  let partitions = 0;
  for (const member of group.members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    const mine = Object.entries(decoded?.assignment ?? {}).flatMap(([t, ps]) =>
      ps.map((p) => `${t}:${p}`),
    );
    if (mine.length === 0) problems.push(`${groupId}: member ${member.clientId} has no partitions`);
    for (const tp of mine) owned.set(tp, (owned.get(tp) ?? 0) + 1);
  }
  const topics = [...new Set([...owned.keys()].map((tp) => tp.split(':')[0]))];
  for (const topic of topics) {
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    partitions += meta.topics[0].partitions.length;
    for (const p of meta.topics[0].partitions) {
      if (!owned.has(`${topic}:${p.partitionId}`))
        problems.push(`${groupId}: ${topic}:${p.partitionId} has no owner`);
    }
  }
  if (partitions < group.members.length)
    return problems.filter((p) => !p.includes('has no partitions'));
  return problems;
}

/** True when every one of `replicas` answers its /health with 2xx right now. */
export async function allHealthy(replicas: Array<{ url: string }>): Promise<boolean> {
  const answers = await Promise.all(
    replicas.map((r) =>
      fetch(`${r.url}/health`).then(
        (x) => x.ok,
        () => false,
      ),
    ),
  );
  return answers.every(Boolean);
}
