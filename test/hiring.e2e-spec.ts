import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EVENT_TOPICS } from '#contracts';
import { http } from '#testing';
import { gatewayFixture } from './fixtures/gateway-fixture.js';

describe('hiring over HTTP', () => {
  const { gw, events, createPerson, createCompany, activeEmployees } = gatewayFixture(
    [EVENT_TOPICS.employment],
    { employment: 2 },
  );

  it('hires a verified person at a verified company: 201, the row, and employee.hired', async () => {
    const [person, company] = await Promise.all([
      createPerson('Kelly Jetson'),
      createCompany('IBM'),
    ]);
    const res = await http('POST', `${gw()}/employees`, {
      personId: person.id,
      companyId: company.id,
      cardId: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      personId: person.id,
      companyId: company.id,
      cardId: 1,
      createdAt: expect.any(String),
      endedAt: null,
    });
    expect(await activeEmployees('id = $1', [res.body.id])).toHaveLength(1);
    const [event] = await events.waitFor(
      'employee.hired',
      (v) => v.type === 'employee.hired' && v.aggregateId === res.body.id,
    );
    expect(event.json().data).toEqual(res.body);
    expect((await http('GET', `${gw()}/employees/${res.body.id}`)).body).toEqual(res.body);
  });

  it('answers 422 for an unknown person or company, 409 for a taken card or a second employment', async () => {
    const [person, other, company] = await Promise.all([
      createPerson(),
      createPerson(),
      createCompany(),
    ]);
    const hire = (body: object) => http('POST', `${gw()}/employees`, body);

    const unknownPerson = await hire({
      personId: randomUUID(),
      companyId: company.id,
      cardId: 5,
    });
    expect(unknownPerson).toMatchObject({ status: 422, body: { code: 'PERSON_NOT_FOUND' } });
    const unknownCompany = await hire({
      personId: person.id,
      companyId: randomUUID(),
      cardId: 5,
    });
    expect(unknownCompany).toMatchObject({ status: 422, body: { code: 'COMPANY_NOT_FOUND' } });

    expect((await hire({ personId: person.id, companyId: company.id, cardId: 5 })).status).toBe(
      201,
    );
    expect(await hire({ personId: other.id, companyId: company.id, cardId: 5 })).toMatchObject({
      status: 409,
      body: { code: 'CARD_ID_TAKEN' },
    });
    expect(await hire({ personId: person.id, companyId: company.id, cardId: 6 })).toMatchObject({
      status: 409,
      body: { code: 'ALREADY_EMPLOYED' },
    });
    expect(await activeEmployees('company_id = $1', [company.id])).toHaveLength(1);
  });

  it.each([
    [{ personId: 'nope', companyId: randomUUID(), cardId: 1 }],
    [{ personId: randomUUID(), companyId: randomUUID(), cardId: -1 }],
    [{ personId: randomUUID(), companyId: randomUUID(), cardId: 2147483648 }],
    [{ personId: randomUUID(), companyId: randomUUID(), cardId: '7' }],
    [{ personId: randomUUID(), companyId: randomUUID(), cardId: 1.5 }],
    [{ personId: randomUUID(), companyId: randomUUID(), cardId: 1, extra: true }],
  ])('rejects %j with 400', async (body) => {
    expect((await http('POST', `${gw()}/employees`, body)).status).toBe(400);
  });

  it('gives exactly one employee for 20 concurrent hires of the same company and card id', async () => {
    const company = await createCompany();
    const people = await Promise.all(Array.from({ length: 20 }, () => createPerson()));
    const results = await Promise.all(
      people.map((p) =>
        http('POST', `${gw()}/employees`, { personId: p.id, companyId: company.id, cardId: 42 }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'CARD_ID_TAKEN')).toHaveLength(
      19,
    );
    expect(await activeEmployees('company_id = $1 AND card_id = 42', [company.id])).toHaveLength(1);
  });

  it('ends an employment on DELETE /employees/:id (kept, with endedAt) and frees the card', async () => {
    const [person, other, company] = await Promise.all([
      createPerson(),
      createPerson(),
      createCompany(),
    ]);
    const hired = await http('POST', `${gw()}/employees`, {
      personId: person.id,
      companyId: company.id,
      cardId: 9,
    });
    expect((await http('DELETE', `${gw()}/employees/${hired.body.id}`)).status).toBe(204);
    const ended = await http('GET', `${gw()}/employees/${hired.body.id}`);
    expect(ended.body.endedAt).toEqual(expect.any(String));
    expect((await http('DELETE', `${gw()}/employees/${hired.body.id}`)).status).toBe(204);
    expect((await http('DELETE', `${gw()}/employees/${randomUUID()}`)).status).toBe(404);
    expect(
      (
        await http('POST', `${gw()}/employees`, {
          personId: other.id,
          companyId: company.id,
          cardId: 9,
        })
      ).status,
    ).toBe(201);
    const byActive = await http('GET', `${gw()}/employees?companyId=${company.id}&active=false`);
    expect(byActive.body.items.map((e: { id: string }) => e.id)).toEqual([hired.body.id]);
    await events.waitFor(
      'employee.terminated',
      (v) => v.type === 'employee.terminated' && v.aggregateId === hired.body.id,
    );
  });

  it('rejects bad list queries with 400', async () => {
    for (const q of ['active=yes', 'personId=1', 'limit=0', 'offset=x', 'colour=red']) {
      expect((await http('GET', `${gw()}/employees?${q}`)).status).toBe(400);
    }
  });
});
