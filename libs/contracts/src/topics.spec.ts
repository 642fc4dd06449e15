import { describe, expect, it } from '@jest/globals';
import {
  COMPANIES_PATTERNS,
  EMPLOYMENT_PATTERNS,
  EVENT_TOPICS,
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

  it('gives every topic at least one partition', () => {
    for (const t of topics) expect(t.numPartitions).toBeGreaterThanOrEqual(1);
  });
});
