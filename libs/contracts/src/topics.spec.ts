import { describe, expect, it } from '@jest/globals';
import {
  COMPANIES_PATTERNS,
  EMPLOYMENT_PATTERNS,
  DEAD_LETTER_TOPICS,
  EVENT_TOPICS,
  PARKING_TOPICS,
  PEOPLE_PATTERNS,
  REPLY_TOPICS,
  allTopics,
} from './topics.js';

describe(allTopics.name, () => {
  const topics = allTopics();
  const names = topics.map((t) => t.topic);
  const partitionsOf = (topic: string) => topics.find((t) => t.topic === topic)!.numPartitions;
  const requestTopics = [PEOPLE_PATTERNS, COMPANIES_PATTERNS, EMPLOYMENT_PATTERNS].flatMap((p) =>
    Object.values(p),
  );

  it('contains every contract topic exactly once', () => {
    const expected = [
      ...Object.values(EVENT_TOPICS),
      ...Object.values(PARKING_TOPICS),
      ...requestTopics,
      ...Object.values(REPLY_TOPICS),
    ];
    expect([...names].sort()).toEqual([...expected].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives reply topics more partitions than any request topic', () => {
    const maxRequest = Math.max(...requestTopics.map(partitionsOf));
    for (const reply of Object.values(REPLY_TOPICS)) {
      expect(partitionsOf(reply)).toBeGreaterThan(maxRequest);
    }
  });

  it('gives each dead-letter topic (named .dlq) a parking topic of its own', () => {
    const dlqs = names.filter((n) => n.endsWith('.dlq'));
    expect(DEAD_LETTER_TOPICS.map((d) => d.dlq).sort()).toEqual(dlqs.sort());
    const parking = DEAD_LETTER_TOPICS.map((d) => d.parking);
    expect(new Set(parking).size).toBe(dlqs.length);
    for (const topic of parking) expect(names).toContain(topic);
  });

  it('gives every topic at least one partition', () => {
    for (const t of topics) expect(t.numPartitions).toBeGreaterThanOrEqual(1);
  });
});
