import {
  COMPANIES_PATTERNS,
  DEAD_LETTER_TOPICS,
  EMPLOYMENT_PATTERNS,
  EVENT_TOPICS,
  PEOPLE_PATTERNS,
  REPLY_TOPICS,
} from './topics.js';

/** A consumer group name, or every group whose name starts with `prefix`. */
export type GroupAcl = { name: string } | { prefix: string };

/** What one app's Kafka principal needs: topics it reads and writes, and its consumer groups. */
export interface AppKafkaAcl {
  principal: string;
  /** READ (and so DESCRIBE) on these topics. */
  reads: readonly string[];
  /** WRITE (and so DESCRIBE) on these topics. */
  writes: readonly string[];
  /** READ on these consumer groups. */
  groups: readonly GroupAcl[];
}

const values = (patterns: Record<string, string>) => Object.values(patterns);

/**
 * The topic ACLs each app needs, least privilege; checked against what the running apps do by
 * test/kafka-acls.e2e-spec.ts on a broker that enforces them, rendered in the README.
 * Topics are created by an operator (or an app allowed to) beforehand.
 */
export const KAFKA_ACLS = {
  gateway: {
    principal: 'User:gateway',
    reads: [REPLY_TOPICS.gateway],
    writes: [
      PEOPLE_PATTERNS.create,
      PEOPLE_PATTERNS.get,
      PEOPLE_PATTERNS.list,
      PEOPLE_PATTERNS.update,
      PEOPLE_PATTERNS.delete,
      COMPANIES_PATTERNS.create,
      COMPANIES_PATTERNS.get,
      COMPANIES_PATTERNS.list,
      COMPANIES_PATTERNS.update,
      COMPANIES_PATTERNS.delete,
      ...values(EMPLOYMENT_PATTERNS),
      REPLY_TOPICS.gateway, // the readiness probe a requester sends itself
    ],
    groups: [{ prefix: `${REPLY_TOPICS.gateway}.` }],
  },
  people: {
    principal: 'User:people',
    reads: values(PEOPLE_PATTERNS),
    writes: [EVENT_TOPICS.people, REPLY_TOPICS.gateway, REPLY_TOPICS.employment],
    groups: [{ name: 'people' }],
  },
  companies: {
    principal: 'User:companies',
    reads: values(COMPANIES_PATTERNS),
    writes: [EVENT_TOPICS.companies, REPLY_TOPICS.gateway, REPLY_TOPICS.employment],
    groups: [{ name: 'companies' }],
  },
  employment: {
    principal: 'User:employment',
    reads: [
      ...values(EMPLOYMENT_PATTERNS),
      EVENT_TOPICS.hireRequests,
      EVENT_TOPICS.people,
      EVENT_TOPICS.companies,
      REPLY_TOPICS.employment,
    ],
    writes: [
      EVENT_TOPICS.employment,
      EVENT_TOPICS.hireRequestsDlq,
      EVENT_TOPICS.partyEventsDlq,
      REPLY_TOPICS.gateway,
      PEOPLE_PATTERNS.findByIds,
      COMPANIES_PATTERNS.findByIds,
      REPLY_TOPICS.employment,
    ],
    groups: [
      { name: 'employment' },
      { name: 'employment.hire-requests' },
      { name: 'employment.party-deletions' },
      { prefix: `${REPLY_TOPICS.employment}.` },
    ],
  },
} as const satisfies Record<string, AppKafkaAcl>;

/**
 * The operator's principal for `npm run ops`: reads the dead-letter topics, writes re-driven messages
 * back to the topics dead letters come from and to the parking topics, and owns the `ops.` groups.
 * Consumer lag also needs DESCRIBE on the groups and topics it reports (kept out of this list).
 */
export const OPERATOR_KAFKA_ACL = {
  principal: 'User:operator',
  reads: DEAD_LETTER_TOPICS.map((d) => d.dlq),
  writes: [
    EVENT_TOPICS.hireRequests,
    EVENT_TOPICS.people,
    EVENT_TOPICS.companies,
    ...DEAD_LETTER_TOPICS.map((d) => d.parking),
  ],
  groups: [{ prefix: 'ops.' }],
} as const satisfies AppKafkaAcl;

const groupText = (g: GroupAcl) => ('name' in g ? `\`${g.name}\`` : `\`${g.prefix}*\` (prefix)`);
const topicList = (topics: readonly string[]) => topics.map((t) => `\`${t}\``).join(', ');

/** KAFKA_ACLS as the Markdown table the README shows. */
export function renderKafkaAclTable(acls: Record<string, AppKafkaAcl> = KAFKA_ACLS): string {
  const rows = Object.entries(acls).map(
    ([app, acl]) =>
      `| ${app} | \`${acl.principal}\` | ${topicList(acl.reads)} | ${topicList(acl.writes)} | ${acl.groups.map(groupText).join(', ')} |`,
  );
  return [
    '| app | principal | READ topics | WRITE topics | READ consumer groups |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
