/**
 * Replays the seed tutorial ("Managing postgresql database using SQLAlchemy ORM in Python") against a
 * running system (start it with `npm start`): its companies and people, its Scenario 1, then a hire
 * request on Kafka and its outcome event, a rejected hire of an unknown person, and the three tables
 * as the tutorial shows them, read back through the gateway; it ends with who works where, by name.
 * GATEWAY_URL (default http://localhost:3000) and KAFKA_BROKERS (default 127.0.0.1:9092) say where.
 */
import { randomUUID } from 'node:crypto';
import { call, created, hireOverKafka } from './demo-clients.js';
import { textTable } from './text-table.js';
import { SCENARIO_1, TUTORIAL_COMPANIES, TUTORIAL_PEOPLE } from './tutorial-data.js';

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:3000';
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const say = (line = '') => console.log(line);
const api = (method: string, path: string, body?: unknown) => call(gateway, method, path, body);

const health = await api('GET', '/health').catch(() => ({ status: 0 }));
if (health.status !== 200) {
  console.error(
    `The gateway at ${gateway} is not up (health: ${health.status}). Start the system with: npm start`,
  );
  process.exit(1);
}

say(`Replaying the SQLAlchemy tutorial against ${gateway}; its integer ids become UUIDs here.`);
say();
say('1. Create some companies (POST /companies)');
const companies = [];
for (const [index, company] of TUTORIAL_COMPANIES.entries()) {
  const made = await created(gateway, '/companies', company);
  say(`   company id=${index + 1} -> ${made.id}  ${made.name}`);
  companies.push(made);
}
say('2. Create some people (POST /people)');
const people = [];
for (const [index, person] of TUTORIAL_PEOPLE.entries()) {
  const made = await created(gateway, '/people', person);
  say(`   person  id=${index + 1} -> ${made.id}  ${made.fullName}`);
  people.push(made);
}

const { personTutorialId, companyTutorialId, cardId } = SCENARIO_1;
say();
say(
  `3. Scenario 1: get person with id=${personTutorialId} and company with id=${companyTutorialId}; ` +
    'create new employee when person and company exist',
);
const person = await api('GET', `/people/${people[personTutorialId - 1].id}`);
const company = await api('GET', `/companies/${companies[companyTutorialId - 1].id}`);
say(`   GET /people/${person.body.id}    -> ${person.status} ${person.body.fullName}`);
say(`   GET /companies/${company.body.id} -> ${company.status} ${company.body.name}`);
if (person.status !== 200 || company.status !== 200) throw new Error('Scenario 1: not found');
const employee = await created(gateway, '/employees', {
  personId: person.body.id,
  companyId: company.body.id,
  cardId,
});
say(`   POST /employees (card id ${cardId}) -> 201 employee ${employee.id}`);
say('   (the employment service checks again, over Kafka, that both exist before it persists)');

const [, apple, microsoft] = companies;
const deniss = people[2];
say();
say(`4. Another service asks on Kafka to hire ${deniss.fullName} at ${apple.name} (card id 2)`);
say(`5. ... and to hire an unknown person at ${microsoft.name} (card id 3)`);
const hireId = `demo-hire-${randomUUID()}`;
const unknownId = `demo-unknown-${randomUUID()}`;
const outcomes = await hireOverKafka(brokers, [
  { requestId: hireId, personId: deniss.id, companyId: apple.id, cardId: 2 },
  { requestId: unknownId, personId: randomUUID(), companyId: microsoft.id, cardId: 3 },
]);
const hired = outcomes.get(hireId);
say(`   ${hired.type}: employee ${hired.data.id}, card id ${hired.data.cardId}`);
const rejected = outcomes.get(unknownId);
say(`   ${rejected.type}: ${rejected.data.reason} (${rejected.data.detail})`);
const refused = await api('POST', '/employees', {
  personId: rejected.data.personId,
  companyId: microsoft.id,
  cardId: 3,
});
say(`   the same over HTTP -> ${refused.status} ${refused.body.code}: ${refused.body.detail}`);

say();
say('6. The tables, read back through the gateway (the rows this run created)');
const readBack = async (path: string) => {
  const res = await api('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return res.body;
};
const peopleRows = await Promise.all(people.map((p) => readBack(`/people/${p.id}`)));
const companyRows = await Promise.all(companies.map((c) => readBack(`/companies/${c.id}`)));
const employeePages = await Promise.all(
  companies.map((c) => readBack(`/employees?companyId=${c.id}&limit=100`)),
);
const employeeRows = employeePages.flatMap((page) => page.items);
say();
say('people');
say(
  textTable(
    ['id', 'full_name', 'address', 'country', 'created_at'],
    peopleRows.map((p) => [p.id, p.fullName, p.address, p.country, p.createdAt]),
  ),
);
say();
say('companies');
say(
  textTable(
    ['id', 'name', 'address', 'country', 'created_at'],
    companyRows.map((c) => [c.id, c.name, c.address, c.country, c.createdAt]),
  ),
);
say();
say('employees');
say(
  textTable(
    ['id', 'card_id', 'person_id', 'company_id', 'created_at'],
    employeeRows.map((e) => [e.id, e.cardId, e.personId, e.companyId, e.createdAt]),
  ),
);
say();
say("7. Who works where, by name: the tutorial's query across Employee, Person and Company");
say('   (GET /companies/{id}/employees: each employee with its person embedded)');
const staff = await Promise.all(
  companies.map(async (c) => ({
    company: c,
    page: await readBack(`/companies/${c.id}/employees?active=true&limit=100`),
  })),
);
const whoWorksWhere = staff.flatMap(({ company: c, page }) =>
  page.items.map((e: any) => [e.person?.fullName ?? '(person deleted)', c.name, e.cardId]),
);
say(textTable(['person', 'company', 'card_id'], whoWorksWhere));
for (const [name, companyName, card] of whoWorksWhere)
  say(`   ${name}, ${companyName}, card ${card}`);
say();
say('Demo finished.');
