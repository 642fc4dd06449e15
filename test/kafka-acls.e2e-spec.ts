import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  ResourcePatternTypes,
  logLevel,
  type AclEntry,
} from 'kafkajs';
import { EVENT_TOPICS, KAFKA_ACLS, allTopics, type AppKafkaAcl } from '#contracts';
import { KafkaEnvSchema } from '#config';
import { startKafkaBroker, waitFor, type AppName, type KafkaBroker } from '#devstack';
import { createKafka, ensureTopics } from '#messaging';
import { TestStack, http, queryDatabase } from '#testing';

const APPS = Object.keys(KAFKA_ACLS) as Array<keyof typeof KAFKA_ACLS>;
const OTHER_TEAM = 'other-team';

/** One kafkajs ACL entry. */
const acl = (
  principal: string,
  resourceType: AclResourceTypes,
  resourceName: string,
  operation: AclOperationTypes,
  prefixed = false,
): AclEntry => ({
  principal,
  resourceType,
  resourceName,
  resourcePatternType: prefixed ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

/** KAFKA_ACLS of one app as broker ACL entries. */
function entriesOf({ principal, reads, writes, groups }: AppKafkaAcl): AclEntry[] {
  return [
    ...reads.map((t) => acl(principal, AclResourceTypes.TOPIC, t, AclOperationTypes.READ)),
    ...writes.map((t) => acl(principal, AclResourceTypes.TOPIC, t, AclOperationTypes.WRITE)),
    ...groups.map((g) =>
      'name' in g
        ? acl(principal, AclResourceTypes.GROUP, g.name, AclOperationTypes.READ)
        : acl(principal, AclResourceTypes.GROUP, g.prefix, AclOperationTypes.READ, true),
    ),
  ];
}

/** How the broker's authorizer names an ACL in its log ("based on rule StandardAcl(...)"). */
function ruleText(e: AclEntry): string {
  const type = e.resourceType === AclResourceTypes.TOPIC ? 'TOPIC' : 'GROUP';
  const pattern = e.resourcePatternType === ResourcePatternTypes.PREFIXED ? 'PREFIXED' : 'LITERAL';
  const op = e.operation === AclOperationTypes.READ ? 'READ' : 'WRITE';
  return `resourceType=${type}, resourceName=${e.resourceName}, patternType=${pattern}, principal=${e.principal}, host=*, operation=${op}`;
}

describe('Kafka ACLs: the list in libs/contracts is what the apps need, on a broker that enforces it', () => {
  const passwords = Object.fromEntries(
    [...APPS, OTHER_TEAM].map((u) => [u, randomBytes(12).toString('hex')]),
  );
  let broker: KafkaBroker;
  let stack: TestStack;
  const authorizerLog = () => readFileSync(join(broker.dataDir, 'logs', 'server.log'), 'utf8');

  beforeAll(async () => {
    broker = await startKafkaBroker({ heapMb: 384, quickJit: true, scramUsers: passwords });
    const superuser = createKafka(
      KafkaEnvSchema.parse({ KAFKA_BROKERS: broker.bootstrapServers }),
      'acl-test',
    );
    await ensureTopics(superuser, allTopics());
    const admin = superuser.admin();
    await admin.connect();
    await admin.createAcls({
      acl: [
        ...APPS.flatMap((app) => entriesOf(KAFKA_ACLS[app])),
        acl(
          `User:${OTHER_TEAM}`,
          AclResourceTypes.TOPIC,
          EVENT_TOPICS.hireRequests,
          AclOperationTypes.WRITE,
        ),
      ],
    });
    await admin.disconnect();

    stack = new TestStack({ KAFKA_BROKERS: broker.scramBootstrapServers! });
    const credentials = (app: string) => ({
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: app,
      KAFKA_SASL_PASSWORD: passwords[app],
    });
    for (const app of ['people', 'companies', 'employment', 'gateway'] as AppName[]) {
      await stack.waitHealthy(await stack.add(app, credentials(app)));
    }
  });

  afterAll(async () => {
    await stack?.stop();
    await broker?.stop();
    if (broker) await rm(broker.dataDir, { recursive: true, force: true });
  });

  it('every request, event, hire request, DLQ message (both DLQs) and deletion works under the ACLs', async () => {
    const url = stack.gatewayUrl;
    const person = await http('POST', `${url}/people`, {
      fullName: 'Ada',
      address: 'x',
      country: 'UK',
    });
    expect(person.status).toBe(201);
    const company = await http('POST', `${url}/companies`, {
      name: 'Engines',
      address: 'y',
      country: 'UK',
    });
    expect(company.status).toBe(201);
    const [p, c] = [person.body.id, company.body.id];
    for (const path of [`/people/${p}`, '/people', `/companies/${c}`, '/companies']) {
      expect((await http('GET', `${url}${path}`)).status).toBe(200);
    }
    expect((await http('PATCH', `${url}/people/${p}`, { country: 'FR' })).status).toBe(200);
    expect((await http('PATCH', `${url}/companies/${c}`, { country: 'FR' })).status).toBe(200);
    const hired = await http('POST', `${url}/employees`, { personId: p, companyId: c, cardId: 1 });
    expect(hired.status).toBe(201);
    expect((await http('GET', `${url}/employees/${hired.body.id}`)).status).toBe(200);
    expect((await http('GET', `${url}/employees`)).status).toBe(200);
    expect((await http('DELETE', `${url}/employees/${hired.body.id}`)).status).toBeLessThan(300);

    // Another team's service sends a hire request and an unreadable message (to the DLQ).
    const producer = new Kafka({
      clientId: OTHER_TEAM,
      brokers: [broker.scramBootstrapServers!],
      sasl: { mechanism: 'scram-sha-256', username: OTHER_TEAM, password: passwords[OTHER_TEAM] },
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
    const requestId = randomUUID();
    await producer.send({
      topic: EVENT_TOPICS.hireRequests,
      messages: [
        {
          key: requestId,
          value: JSON.stringify({ requestId, personId: p, companyId: c, cardId: 2 }),
        },
        { key: 'junk', value: 'not json' },
      ],
    });
    await producer.disconnect();
    // An unreadable party event (written as the superuser) goes to employment.party-events.dlq.
    const superProducer = createKafka(
      KafkaEnvSchema.parse({ KAFKA_BROKERS: broker.bootstrapServers }),
      'acl-test-events',
    ).producer();
    await superProducer.connect();
    await superProducer.send({ topic: EVENT_TOPICS.people, messages: [{ value: 'not an event' }] });
    await superProducer.disconnect();
    await waitFor('the hire request decided', async () => {
      const rows = await queryDatabase(
        stack.databases.employment,
        `SELECT 1 FROM idempotency_keys WHERE scope = 'hire-request' AND key = $1`,
        [requestId],
      );
      return rows.length ? true : undefined;
    });

    // Deleting the company ends the new employment through companies.events.
    expect((await http('DELETE', `${url}/companies/${c}`)).status).toBe(204);
    expect((await http('DELETE', `${url}/people/${p}`)).status).toBe(204);
    await waitFor('the employment ended by the deletion', async () => {
      const rows = await queryDatabase(
        stack.databases.employment,
        'SELECT 1 FROM employees WHERE company_id = $1 AND ended_at IS NULL',
        [c],
      );
      return rows.length === 0 ? true : undefined;
    });
    for (const dlq of [EVENT_TOPICS.hireRequestsDlq, EVENT_TOPICS.partyEventsDlq]) {
      await waitFor(`a message on ${dlq}`, async () =>
        authorizerLog().includes(
          `Allowed operation = WRITE from host = 127.0.0.1 on resource = Topic:LITERAL:${dlq} `,
        )
          ? true
          : undefined,
      );
    }
  });

  it('the broker denied the apps nothing but creating topics, and every listed ACL was used', () => {
    const log = authorizerLog();
    const denied = log
      .split('\n')
      .filter((l) => / is Denied operation = /.test(l) && !/operation = CREATE /.test(l))
      .filter((l) => APPS.some((app) => l.includes(`Principal = User:${app} `)));
    expect(denied).toEqual([]);
    const unused = APPS.flatMap((app) => entriesOf(KAFKA_ACLS[app]))
      .map(ruleText)
      .filter((rule) => !log.includes(rule));
    expect(unused).toEqual([]);
  });
});
