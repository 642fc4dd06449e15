import { describe, expect, it } from '@jest/globals';
import { EVENT_TOPICS } from '#contracts';
import { http } from '#testing';
import { gatewayFixture } from './fixtures/gateway-fixture.js';

describe('companies through the gateway, with company.* events', () => {
  const { gw, events } = gatewayFixture([EVENT_TOPICS.companies]);

  it('creates, reads, lists, updates and deletes a company, with company.* events', async () => {
    const created = await http('POST', `${gw()}/companies`, {
      name: 'Apple',
      address: '1 Infinite Loop',
      country: 'US',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Apple',
      address: '1 Infinite Loop',
      country: 'US',
    });
    const id = created.body.id;
    expect((await http('GET', `${gw()}/companies/${id}`)).body).toEqual(created.body);
    const listed = await http('GET', `${gw()}/companies?q=appl&limit=100`);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await http('PATCH', `${gw()}/companies/${id}`, { country: 'USA' })).body.country).toBe(
      'USA',
    );
    expect((await http('DELETE', `${gw()}/companies/${id}`)).status).toBe(204);
    expect((await http('GET', `${gw()}/companies/${id}`)).status).toBe(404);
    const types = (await events.waitFor('company events', (v) => v.aggregateId === id, 3)).map(
      (m) => m.json().type,
    );
    expect(types).toEqual(['company.created', 'company.updated', 'company.deleted']);
  });

  it.each([
    [{ name: '' }],
    [{ name: 'x', fullName: 'y' }],
    [{ name: 'x', country: 'c'.repeat(101) }],
  ])('rejects %j with 400', async (body) => {
    expect((await http('POST', `${gw()}/companies`, body)).status).toBe(400);
  });
});
