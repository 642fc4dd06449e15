import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Producer } from 'kafkajs';
import { EVENT_TOPICS, PARKING_TOPICS } from '#contracts';
import { repoRoot } from '#devstack';
import {
  TestStack,
  TopicRecorder,
  http,
  plainProducer,
  queryDatabase,
  type RecordedMessage,
} from '#testing';

const DLQ = EVENT_TOPICS.hireRequestsDlq;

/**
 * `npm run ops` on the real broker: a hire request dead-lettered while the people service was broken
 * (its table renamed away: find-by-ids answered 500, which employment treats as a permanent failure),
 * the service fixed, the same bytes re-driven and processed once; a poison message re-driven, failing
 * again, and parked instead of looping.
 */
describe('ops: dead letters listed, re-driven, parked; the AsyncAPI page (real Kafka and PostgreSQL)', () => {
  const stack = new TestStack();
  const recorder = new TopicRecorder([
    EVENT_TOPICS.hireRequests,
    DLQ,
    PARKING_TOPICS.hireRequests,
    EVENT_TOPICS.employment,
  ]);
  let producer: Producer;
  const ops = async (...args: string[]) => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['dist/scripts/ops.js', '--json', ...args],
      {
        cwd: repoRoot(),
        timeout: 90_000,
        env: {
          ...process.env,
          PEOPLE_DATABASE_URL: stack.databases.people,
          COMPANIES_DATABASE_URL: stack.databases.companies,
          EMPLOYMENT_DATABASE_URL: stack.databases.employment,
        },
      },
    );
    try {
      return JSON.parse(stdout);
    } catch {
      throw new Error(`ops ${args.join(' ')} printed no JSON: ${stdout}\n${stderr}`);
    }
  };
  const dlqCopies = (marker: string) =>
    recorder.matching((_v, m) => m.topic === DLQ && (m.value ?? '').includes(marker));

  beforeAll(async () => {
    await recorder.start();
    producer = await plainProducer();
    await stack.start({ people: 1, companies: 1, employment: 1, gateway: 1 });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await recorder.stop();
    await stack.stop();
  });

  it('re-drives a hire request dead-lettered while people was broken; it is hired once', async () => {
    const gw = stack.gatewayUrl;
    const person = (await http('POST', `${gw}/people`, { fullName: 'Kelly Jetson' })).body;
    const company = (await http('POST', `${gw}/companies`, { name: 'IBM' })).body;
    const requestId = `redrive-${randomUUID()}`;
    const value = JSON.stringify({
      requestId,
      personId: person.id,
      companyId: company.id,
      cardId: 1,
    });

    await queryDatabase(stack.databases.people, 'ALTER TABLE people RENAME TO people_away');
    try {
      await producer.send({
        topic: EVENT_TOPICS.hireRequests,
        messages: [{ key: person.id, value, headers: { 'correlation-id': requestId } }],
      });
      await recorder.waitFor('the dead letter', (_v, m) => m.topic === DLQ && m.value === value);
    } finally {
      await queryDatabase(stack.databases.people, 'ALTER TABLE people_away RENAME TO people');
    }
    const [dead] = dlqCopies(requestId);
    expect(dead.headers.error).toMatch(/^processing failed: /);
    expect(recorder.matching((v) => v?.correlationId === requestId && v?.type)).toEqual([]);

    const listed = await ops('dlq', 'list', '--dlq', DLQ, '--partition', String(dead.partition));
    const row = listed.find((r: any) => r.key === person.id);
    expect(row).toMatchObject({ error: dead.headers.error, redrives: 0, handled: false });
    expect(row.original).toMatch(new RegExp(`^${EVENT_TOPICS.hireRequests}\\[\\d+\\]@\\d+$`));

    const dry = await ops(
      'dlq',
      'redrive',
      '--dlq',
      DLQ,
      '--partition',
      String(dead.partition),
      '--dry-run',
    );
    expect(
      dry.results.some((r: any) => r.offset === row.offset && r.step.action === 'redrive'),
    ).toBe(true);
    const first = await ops('dlq', 'redrive', '--dlq', DLQ, '--partition', String(dead.partition));
    expect(first.dryRun).toBe(false);
    expect(first.results.find((r: any) => r.offset === row.offset).step.topic).toBe(
      EVENT_TOPICS.hireRequests,
    );

    const [outcome] = await recorder.waitFor('the outcome', (v) => v?.correlationId === requestId);
    expect(outcome.json().type).toBe('employee.hired');
    const copies = recorder.matching(
      (_v, m) => m.topic === EVENT_TOPICS.hireRequests && m.value === value,
    );
    expect(copies).toHaveLength(2);
    expect(copies[1].key).toBe(person.id);
    expect(copies[1].headers).toMatchObject({
      'correlation-id': requestId,
      'redrive-count': '1',
      'redrive-original-topic': EVENT_TOPICS.hireRequests,
      'redrive-from': `${DLQ}[${dead.partition}]@${row.offset}`,
    });
    expect(copies[1].headers.error).toBeUndefined();

    // Its own group's position moved past it: a second run does not send it again.
    const lag = await ops('lag', '--group', `ops.redrive.${DLQ}`);
    const position = lag.find((r: any) => r.partition === dead.partition);
    expect(position.committed).toBeGreaterThan(Number(row.offset));
    const second = await ops('dlq', 'redrive', '--dlq', DLQ, '--partition', String(dead.partition));
    expect(second.results.map((r: any) => r.offset)).not.toContain(row.offset);
    const employees = await queryDatabase(
      stack.databases.employment,
      'SELECT id FROM employees WHERE person_id = $1',
      [person.id],
    );
    expect(employees).toHaveLength(1);
  });

  it('parks a poison message that fails again after the re-drive limit, without looping', async () => {
    const marker = `poison-${randomUUID()}`;
    const value = `not json ${marker}`;
    const isIt = (topic: string) => (_v: unknown, m: RecordedMessage) =>
      m.topic === topic && m.value === value;
    await producer.send({ topic: EVENT_TOPICS.hireRequests, messages: [{ key: marker, value }] });
    const [dead] = await recorder.waitFor('the dead letter', isIt(DLQ));
    const offsetsOnDlq = async () =>
      (await ops('dlq', 'list', '--dlq', DLQ, '--partition', String(dead.partition)))
        .filter((r: any) => r.key === marker)
        .map((r: any) => r.offset as string);
    const redrive = (offset: string) =>
      ops(
        'dlq',
        'redrive',
        '--dlq',
        DLQ,
        '--max-redrives',
        '1',
        '--partition',
        String(dead.partition),
        '--from',
        offset,
        '--to',
        offset,
      );

    const [firstOffset] = await offsetsOnDlq();
    const first = await redrive(firstOffset);
    expect(first.results.map((r: any) => r.step.action)).toEqual(['redrive']);
    await recorder.waitFor('the second dead letter', isIt(DLQ), 2);
    expect(dlqCopies(marker)[1].headers['redrive-count']).toBe('1');

    const [, secondOffset] = await offsetsOnDlq();
    const second = await redrive(secondOffset);
    expect(second.results.map((r: any) => r.step.action)).toEqual(['park']);
    const [parked] = await recorder.waitFor('the parked copy', isIt(PARKING_TOPICS.hireRequests));
    expect(parked.key).toBe(marker);
    expect(parked.headers).toMatchObject({ 'redrive-count': '1', error: 'value is not JSON' });
    // Sent once by its producer and once by the re-drive; dead-lettered twice; parked once.
    expect(recorder.matching(isIt(EVENT_TOPICS.hireRequests))).toHaveLength(2);
    expect(dlqCopies(marker)).toHaveLength(2);
  });

  it('reports consumer lag and the outbox backlog of each service', async () => {
    const lag = await ops('lag', '--group', 'employment.hire-requests');
    expect(lag.length).toBeGreaterThan(0);
    for (const r of lag) {
      expect(r.topic).toBe(EVENT_TOPICS.hireRequests);
      expect(r.lag).toBeGreaterThanOrEqual(0);
      if (r.committed !== null) expect(r.lag).toBe(r.end - r.committed);
    }
    const outbox = await ops('outbox');
    expect(outbox.map((r: any) => r.service)).toEqual(['people', 'companies', 'employment']);
    for (const r of outbox) expect(r.unpublished).toBeGreaterThanOrEqual(0);
  });

  it('the gateway serves the AsyncAPI document and its page without a token', async () => {
    const json = await fetch(`${stack.gatewayUrl}/asyncapi.json`);
    expect(json.status).toBe(200);
    const document = await json.json();
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels).map((c: any) => c.address)).toContain(DLQ);
    const page = await fetch(`${stack.gatewayUrl}/asyncapi`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const file of ['viewer.js', 'viewer.css', 'page.js', 'parsed.json']) {
      expect((await fetch(`${stack.gatewayUrl}/asyncapi/${file}`)).status).toBe(200);
    }
    expect((await fetch(`${stack.gatewayUrl}/people`)).status).toBe(401);
  });
});
