import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EVENT_TOPICS } from '#contracts';
import { http } from '#testing';
import { gatewayFixture } from './fixtures/gateway-fixture.js';

describe('employment queries across services', () => {
  const { gw, createPerson, createCompany } = gatewayFixture([EVENT_TOPICS.employment]);

  it('embeds the person in /companies/:id/employees and the company in /people/:id/companies', async () => {
    const [kelly, deniss, ibm, apple] = await Promise.all([
      createPerson('Kelly Jetson'),
      createPerson('Deniss Kirkman'),
      createCompany('IBM'),
      createCompany('Apple'),
    ]);
    for (const [p, c, card] of [
      [kelly, ibm, 1],
      [deniss, ibm, 2],
      [kelly, apple, 1],
    ] as const) {
      expect(
        (
          await http('POST', `${gw()}/employees`, {
            personId: p.id,
            companyId: c.id,
            cardId: card,
          })
        ).status,
      ).toBe(201);
    }
    const staff = await http('GET', `${gw()}/companies/${ibm.id}/employees`);
    expect(staff.status).toBe(200);
    expect(staff.body.total).toBe(2);
    expect(
      staff.body.items.map((e: { person: { fullName: string } }) => e.person.fullName),
    ).toEqual(['Kelly Jetson', 'Deniss Kirkman']);

    const jobs = await http('GET', `${gw()}/people/${kelly.id}/companies?limit=1&offset=1`);
    expect(jobs.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(jobs.body.items.map((e: { company: { name: string } }) => e.company.name)).toEqual([
      'Apple',
    ]);

    expect((await http('GET', `${gw()}/companies/${randomUUID()}/employees`)).status).toBe(404);
    expect((await http('GET', `${gw()}/people/${randomUUID()}/companies`)).status).toBe(404);
    expect((await http('GET', `${gw()}/people/bad-id/companies`)).status).toBe(400);
  });
});
