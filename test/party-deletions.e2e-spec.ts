import { describe, expect, it } from '@jest/globals';
import { EVENT_TOPICS } from '#contracts';
import { http } from '#testing';
import { gatewayFixture } from './fixtures/gateway-fixture.js';

describe('party deletions end employments', () => {
  const { gw, events, createPerson, createCompany, activeEmployees } = gatewayFixture([
    EVENT_TOPICS.employment,
  ]);

  it('ends the employments of a deleted person, with employee.terminated for each', async () => {
    const [person, a, b] = await Promise.all([createPerson(), createCompany(), createCompany()]);
    const hires = await Promise.all(
      [a, b].map((c) =>
        http('POST', `${gw()}/employees`, { personId: person.id, companyId: c.id, cardId: 3 }),
      ),
    );
    expect((await http('DELETE', `${gw()}/people/${person.id}`)).status).toBe(204);

    const terminated = await events.waitFor(
      'two employee.terminated',
      (v) => v.type === 'employee.terminated' && v.data.personId === person.id,
      2,
    );
    expect(new Set(terminated.map((m) => m.json().aggregateId))).toEqual(
      new Set(hires.map((h) => h.body.id)),
    );
    expect(await activeEmployees('person_id = $1', [person.id])).toHaveLength(0);
    const afterDelete = await http('POST', `${gw()}/employees`, {
      personId: person.id,
      companyId: a.id,
      cardId: 4,
    });
    expect(afterDelete).toMatchObject({ status: 422, body: { code: 'PERSON_NOT_FOUND' } });
  });
});
