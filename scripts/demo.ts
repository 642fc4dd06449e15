/**
 * Replays the seed tutorial's story against a running system (start it with `npm start`):
 * companies and people over HTTP, Scenario 1 (a hire over HTTP), a hire request on Kafka and its
 * outcome event, a rejected hire of an unknown person, then what each service holds.
 * GATEWAY_URL (default http://localhost:3000) and KAFKA_BROKERS (default 127.0.0.1:9092) say where.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EVENT_TOPICS } from '#contracts';
import { mintToken } from '#devstack';

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:3000';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const say = (line = '') => console.log(line);
const authorization = `Bearer ${process.env.GATEWAY_TOKEN ?? (await mintToken({ subject: 'demo' }))}`;

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), authorization },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function created(path: string, body: object): Promise<any> {
  const res = await call('POST', path, body);
  if (res.status !== 201)
    throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Puts hire requests on Kafka as any other service would, and waits for each one's outcome event. */
async function hireOverKafka(requests: Array<Record<string, unknown>>): Promise<Map<string, any>> {
  const kafka = new Kafka({ clientId: 'demo', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `demo-${randomUUID()}` });
  const producer = kafka.producer();
  const outcomes = new Map<string, any>();
  const wanted = new Set(requests.map((r) => r.requestId as string));
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: EVENT_TOPICS.employment, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString());
        if (wanted.has(event.correlationId)) outcomes.set(event.correlationId, event);
        if (outcomes.size === wanted.size) resolve();
      },
    });
  });
  await producer.send({
    topic: EVENT_TOPICS.hireRequests,
    messages: requests.map((r) => ({ key: String(r.personId), value: JSON.stringify(r) })),
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error('no outcome event within 30 s; is the employment service running?')),
      30_000,
    ).unref(),
  );
  try {
    await Promise.race([done, timeout]);
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
  }
  return outcomes;
}

const health = await call('GET', '/health').catch(() => ({ status: 0 }));
if (health.status !== 200) {
  console.error(
    `The gateway at ${gateway} is not up (health: ${health.status}). Start the system with: npm start`,
  );
  process.exit(1);
}

const COMPANIES = [
  { name: 'IBM', address: '1 New Orchard Road, Armonk, NY 10504', country: 'USA' },
  { name: 'Apple', address: 'One Apple Park Way, Cupertino, CA 95014', country: 'USA' },
  { name: 'Microsoft', address: 'One Microsoft Way, Redmond, WA 98052', country: 'USA' },
];
const PEOPLE = [
  { fullName: 'Mathiew Pirx', address: '12 Rue de la Paix, Paris', country: 'France' },
  { fullName: 'Kelly Jetson', address: '742 Orbit Avenue, Springfield', country: 'USA' },
  { fullName: 'Deniss Kirkman', address: '5 Brivibas iela, Riga', country: 'Latvia' },
];

/** Creates each record in order and prints it: `label` names it in the listing. */
async function createAll(
  path: string,
  records: object[],
  label: (r: any) => string,
): Promise<any[]> {
  const result = [];
  for (const record of records) {
    const made = await created(path, record);
    say(`   ${label(made)} ${made.id}  ${made.address}`);
    result.push(made);
  }
  return result;
}

say('1. Companies');
const [ibm, apple, microsoft] = await createAll('/companies', COMPANIES, (c) => c.name.padEnd(10));
say('2. People');
const [, kelly, deniss] = await createAll('/people', PEOPLE, (p) => p.fullName.padEnd(15));

say('3. Scenario 1: Kelly Jetson is hired at IBM over HTTP (POST /employees)');
const scenario1 = await created('/employees', {
  personId: kelly.id,
  companyId: ibm.id,
  cardId: 1001,
});
say(`   201 Created: employee ${scenario1.id}, card ${scenario1.cardId}`);

say(
  '4. Another service asks, on Kafka, to hire Deniss Kirkman at Apple; and to hire an unknown person at Microsoft',
);
const hireId = `demo-hire-${randomUUID()}`;
const unknownId = `demo-unknown-${randomUUID()}`;
const outcomes = await hireOverKafka([
  { requestId: hireId, personId: deniss.id, companyId: apple.id, cardId: 2002 },
  { requestId: unknownId, personId: randomUUID(), companyId: microsoft.id, cardId: 3003 },
]);
const hired = outcomes.get(hireId);
say(`   ${hired.type}: employee ${hired.data.id}, card ${hired.data.cardId} (requestId ${hireId})`);
const rejected = outcomes.get(unknownId);
say(`   ${rejected.type}: ${rejected.data.reason} (${rejected.data.detail})`);

say('5. The same unknown person over HTTP');
const refused = await call('POST', '/employees', {
  personId: rejected.data.personId,
  companyId: microsoft.id,
  cardId: 3003,
});
say(`   ${refused.status} ${refused.body.code}: ${refused.body.detail}`);

say('6. What each service now holds');
const [people, companies, employees, ibmStaff] = await Promise.all([
  call('GET', '/people?limit=100'),
  call('GET', '/companies?limit=100'),
  call('GET', '/employees?active=true&limit=100'),
  call('GET', `/companies/${ibm.id}/employees`),
]);
say(
  `   people:     ${people.body.total} (${people.body.items
    .map((p: any) => p.fullName)
    .slice(-3)
    .join(', ')}, ...)`,
);
say(
  `   companies:  ${companies.body.total} (${companies.body.items
    .map((c: any) => c.name)
    .slice(-3)
    .join(', ')}, ...)`,
);
say(`   employment: ${employees.body.total} active employees`);
say(
  `   IBM's employees: ${ibmStaff.body.items.map((e: any) => `${e.person?.fullName} (card ${e.cardId})`).join(', ')}`,
);
say('Demo finished.');
