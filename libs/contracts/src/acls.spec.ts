import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#devstack';
import { KAFKA_ACLS, OPERATOR_KAFKA_ACL, renderKafkaAclTable } from './acls.js';
import { EVENT_TOPICS, PARKING_TOPICS, allTopics } from './topics.js';

/** A Markdown table's cells, whatever the column padding. */
const cells = (table: string) =>
  table
    .trim()
    .split('\n')
    .filter((line) => !/^\|[\s|-]+\|$/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));

describe('KAFKA_ACLS', () => {
  it('names only topics the contract has', () => {
    const topics = new Set(allTopics().map((t) => t.topic));
    for (const acl of Object.values(KAFKA_ACLS)) {
      for (const topic of [...acl.reads, ...acl.writes]) expect(topics).toContain(topic);
    }
  });

  it('names only topics the contract has, for the operator too', () => {
    const topics = new Set(allTopics().map((t) => t.topic));
    for (const topic of [...OPERATOR_KAFKA_ACL.reads, ...OPERATOR_KAFKA_ACL.writes]) {
      expect(topics).toContain(topic);
    }
  });

  it('has a writer for every topic but the one other teams write (employment.hire-requests)', () => {
    const written = new Set(Object.values(KAFKA_ACLS).flatMap((acl) => acl.writes));
    // Parking topics are the operator's: only `npm run ops -- dlq redrive` writes them.
    for (const topic of Object.values(PARKING_TOPICS)) {
      expect(OPERATOR_KAFKA_ACL.writes).toContain(topic);
      written.add(topic);
    }
    const unwritten = allTopics()
      .map((t) => t.topic)
      .filter((topic) => !written.has(topic));
    expect(unwritten).toEqual([EVENT_TOPICS.hireRequests]);
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    const shown = /<!-- kafka-acls:start -->([\s\S]*?)<!-- kafka-acls:end -->/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    expect(cells(shown!)).toEqual(cells(renderKafkaAclTable()));
  });
});
